using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class BenchGemmCommandTests
{
    [Fact]
    public void JsonHasTheContractFieldsAndAPositiveRate()
    {
        var result = CliRunner.Run("bench", "gemm", "--m", "40", "--n=24", "--k", "31", "--threads", "1", "--repeat", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(40, json.GetProperty("m").GetInt32());
        Assert.Equal(24, json.GetProperty("n").GetInt32());
        Assert.Equal(31, json.GetProperty("k").GetInt32());
        Assert.Equal(1, json.GetProperty("threads").GetInt32());
        Assert.True(json.GetProperty("gflops").GetDouble() > 0);
        // Without libopenblas0 both BLAS fields are null; with it both are numbers.
        var blas = json.GetProperty("blasGflops");
        var ratio = json.GetProperty("ratioToBlas");
        Assert.Equal(blas.ValueKind == JsonValueKind.Null, ratio.ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("give --size", "bench", "gemm")]
    [InlineData("give --size", "bench", "gemm", "--m", "4", "--n", "4")]
    [InlineData("between 1 and 65536", "bench", "gemm", "--size", "0")]
    [InlineData("--threads must be", "bench", "gemm", "--size", "8", "--threads", "0")]
    [InlineData("--repeat must be", "bench", "gemm", "--size", "8", "--repeat", "0")]
    [InlineData("--kernel must be", "bench", "gemm", "--size", "8", "--kernel", "avx")]
    [InlineData("MiB", "bench", "gemm", "--size", "60000")]
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(args));
}
