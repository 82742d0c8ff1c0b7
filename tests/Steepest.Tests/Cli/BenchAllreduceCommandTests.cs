using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class BenchAllreduceCommandTests
{
    [Fact]
    public void InProcessJsonHasTheContractFieldsAndTheNcclTestsBandwidths()
    {
        var result = CliRunner.Run("bench", "allreduce", "--backend", "inproc", "--ranks", "3", "--sizes", "1K,64K", "--repeat", "3", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Equal(["ring", "halving-doubling"], rows.Select(r => r.GetProperty("strategy").GetString()).Distinct());
        foreach (var row in rows)
        {
            foreach (string field in (string[])["backend", "strategy", "ranks", "bytes", "seconds", "algbw", "busbw"])
                Assert.True(row.TryGetProperty(field, out _), $"missing {field}");
            Assert.Equal("inproc", row.GetProperty("backend").GetString());
            Assert.Equal(3, row.GetProperty("ranks").GetInt32());
            double algbw = row.GetProperty("algbw").GetDouble();
            Assert.Equal(row.GetProperty("bytes").GetDouble() / row.GetProperty("seconds").GetDouble(), algbw, 1e-9 * algbw);
            Assert.Equal(algbw * 2 * 2 / 3, row.GetProperty("busbw").GetDouble(), 1e-9 * algbw);
        }
        Assert.Equal([1024L, 1024, 65536, 65536], rows.Select(r => r.GetProperty("bytes").GetInt64()));
    }

    [Theory]
    [InlineData("--backend must be inproc or mpi", "--backend", "tcp")]
    [InlineData("--sizes", "--sizes", "0")]
    [InlineData("--sizes", "--sizes", "12Q")]
    [InlineData("--sizes must be between 4 bytes and 1G", "--sizes", "2")]
    [InlineData("--ranks must be between 2 and 256", "--ranks", "1")]
    [InlineData("--repeat must be between 1 and 10000", "--repeat", "0")]
    [InlineData("--warmup must be between 0 and 1000", "--warmup", "-1")]
    [InlineData("--warmup: 'x' is not a whole number", "--warmup", "x")]
    [InlineData("--repeat: '2.5' is not a whole number", "--repeat=2.5")]
    public void BadArgumentsAreExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["bench", "allreduce", .. args]));
}
