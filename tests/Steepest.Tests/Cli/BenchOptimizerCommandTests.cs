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
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["bench", "optimizer", .. args]));
}
