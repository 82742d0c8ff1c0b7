using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class BenchOptimizerCommandTests
{
    [Theory]
    [InlineData("adam", 28)]
    [InlineData("lion", 20)]
    [InlineData("sgd", 12)]
    public void JsonHasTheContractFieldsAndTheKernelsByteCount(string optimizer, int bytes)
    {
        var result = CliRunner.Run("bench", "optimizer", "--optimizer", optimizer, "--params", "100000", "--threads", "1", "--repeat", "2", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        foreach (string field in (string[])["optimizer", "params", "threads", "secondsPerStep", "bytesPerParam", "bytesPerSecond", "referenceBytesPerSecond", "ratioToReference", "triadBytesPerSecond"])
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(bytes, json.GetProperty("bytesPerParam").GetInt32());
        Assert.Equal(100000, json.GetProperty("params").GetInt64());
        Assert.True(json.GetProperty("ratioToReference").GetDouble() > 0);
    }

    [Theory]
    [InlineData("int8", 16, 2.0312)]
    [InlineData("bf16", 20, 4.0)]
    public void A_compressed_state_is_timed_beside_the_fp32_step_and_reports_its_bytes(string precision, int traffic, double stateBytes)
    {
        var result = CliRunner.Run("bench", "optimizer", "--optimizer", "adamw", "--params", "65536", "--threads", "1", "--repeat", "2", "--state-precision", precision, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(traffic, json.GetProperty("bytesPerParam").GetInt32());
        Assert.Equal(stateBytes, json.GetProperty("stateBytesPerParam").GetDouble(), 3);
        Assert.Equal(precision, json.GetProperty("statePrecision").GetString());
        Assert.True(json.GetProperty("fp32SecondsPerStep").GetDouble() > 0);
        // ratioToFp32 is rounded to 4 decimals.
        double ratio = json.GetProperty("secondsPerStep").GetDouble() / json.GetProperty("fp32SecondsPerStep").GetDouble();
        Assert.True(Math.Abs(ratio - json.GetProperty("ratioToFp32").GetDouble()) <= 5.001e-5, $"ratioToFp32 {json.GetProperty("ratioToFp32").GetDouble()}, seconds give {ratio}");
        Assert.Contains($"({precision} state)", json.GetProperty("plan").GetString());
        // The memory-only reference moves the compressed step's bytes: its rate and the ratio to fp32 it would reach.
        Assert.True(json.GetProperty("referenceBytesPerSecond").GetDouble() > 0);
        Assert.True(json.GetProperty("ratioToReference").GetDouble() > 0);
        Assert.True(json.GetProperty("referenceRatioToFp32").GetDouble() > 0);
        var fp32 = JsonDocument.Parse(CliRunner.Run("bench", "optimizer", "--optimizer", "adamw", "--params", "65536", "--threads", "1", "--repeat", "1", "--json").Output).RootElement;
        Assert.Equal(8.0, fp32.GetProperty("stateBytesPerParam").GetDouble());
        Assert.Equal(JsonValueKind.Null, fp32.GetProperty("ratioToFp32").ValueKind);
        Assert.Equal(JsonValueKind.Null, fp32.GetProperty("referenceRatioToFp32").ValueKind);
    }

    [Fact]
    public void UnfusedOptimizersReportNullBandwidthFields()
    {
        var result = CliRunner.Run("bench", "optimizer", "--optimizer", "muon", "--params", "4096", "--rows", "64", "--repeat", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("bytesPerParam").ValueKind);
        Assert.Contains("orthogonalize", json.GetProperty("plan").GetString());
    }

    [Theory]
    [InlineData("--optimizer is required", "--params", "10")]
    [InlineData("--params is required", "--optimizer", "adam")]
    [InlineData("unknown optimizer 'adamx'", "--optimizer", "adamx", "--params", "10")]
    [InlineData("--params must be between", "--optimizer", "adam", "--params", "0")]
    [InlineData("--rows 3 must divide", "--optimizer", "muon", "--params", "10", "--rows", "3")]
    [InlineData("--state-precision: unknown state precision 'fp8'", "--optimizer", "adam", "--params", "10", "--state-precision", "fp8")]
    [InlineData("applies to the moments of adam, adamw, lion", "--optimizer", "sgd", "--params", "10", "--state-precision", "int8")]
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["bench", "optimizer", .. args]));
}
