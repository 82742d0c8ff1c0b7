using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class BenchNewtonSchulzCommandTests
{
    [Theory]
    [InlineData(40, 24)]
    [InlineData(1, 7)]
    [InlineData(200, 400)]
    public void JsonHasTheContractFields(int rows, int cols)
    {
        var result = CliRunner.Run("bench", "newton-schulz", "--rows", rows.ToString(), "--cols", cols.ToString(), "--steps", "2", "--threads", "1", "--repeat", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(rows, json.GetProperty("rows").GetInt32());
        Assert.Equal(cols, json.GetProperty("cols").GetInt32());
        Assert.Equal(2, json.GetProperty("steps").GetInt32());
        Assert.Equal(1, json.GetProperty("threads").GetInt32());
        double seconds = json.GetProperty("seconds").GetDouble(), effective = json.GetProperty("effectiveGflops").GetDouble();
        double gemm = json.GetProperty("gemmGflops").GetDouble(), ratio = json.GetProperty("ratioToGemm").GetDouble();
        Assert.True(seconds > 0 && effective > 0 && gemm > 0);
        // The fields are one measurement: effective GFLOP/s is the general-GEMM count over the seconds.
        int r = Math.Min(rows, cols), k = Math.Max(rows, cols);
        Assert.Equal(2 * (4.0 * r * r * k + 2.0 * r * r * r) / seconds / 1e9, effective, effective * 1e-9);
        Assert.Equal(effective / gemm, ratio, ratio * 1e-9);
    }

    [Theory]
    [InlineData("--rows is required", "--cols", "8")]
    [InlineData("--cols is required", "--rows", "8")]
    [InlineData("--rows must be between 1 and 16384, got 0", "--rows", "0", "--cols", "8")]
    [InlineData("--cols must be between 1 and 16384, got -2", "--rows", "8", "--cols", "-2")]
    [InlineData("--rows × --cols must be at most", "--rows", "16384", "--cols", "16384")]
    [InlineData("--steps must be between 1 and 100, got 0", "--rows", "8", "--cols", "8", "--steps", "0")]
    [InlineData("--threads must be", "--rows", "8", "--cols", "8", "--threads", "0")]
    [InlineData("--repeat must be", "--rows", "8", "--cols", "8", "--repeat", "0")]
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["bench", "newton-schulz", .. args]));
}
