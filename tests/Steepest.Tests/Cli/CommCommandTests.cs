using System.Diagnostics;
using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class CommCommandTests
{
    [Fact]
    public void JsonListsEveryStrategyWithCountsThatMatchProblem5()
    {
        var result = CliRunner.Run("comm", "--workers", "4", "--params", "1000", "--repeat", "1", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        Assert.Equal(["all-to-all", "parameter-server", "ring", "halving-doubling", "sign"], rows.Keys);
        foreach (var row in rows.Values)
            foreach (string field in (string[])["strategy", "workers", "params", "messages", "messageValuesMin", "messageValuesMax", "totalBytes", "seconds", "modelSeconds", "maxRelativeError", "nonEmptyMessages"])
                Assert.True(row.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(12, rows["all-to-all"].GetProperty("messages").GetInt64());
        Assert.Equal(1000, rows["all-to-all"].GetProperty("messageValuesMax").GetInt64());
        Assert.Equal(8, rows["parameter-server"].GetProperty("messages").GetInt64());
        Assert.Equal(24, rows["ring"].GetProperty("messages").GetInt64());
        Assert.Equal(250, rows["ring"].GetProperty("messageValuesMin").GetInt64());
        Assert.Equal(6000, rows["ring"].GetProperty("bytesPerWorker").GetInt64()); // 2(n−1)/n·p values of 4 bytes
        foreach (var row in rows.Values)
        {
            Assert.True(row.GetProperty("maxRelativeError").GetDouble() <= 1e-5);
            Assert.True(row.GetProperty("seconds").GetDouble() > 0);
            Assert.True(row.GetProperty("modelSeconds").GetDouble() > 0);
        }
    }

    [Fact]
    public void TextTableShowsCountsBesideFormulas()
    {
        var result = CliRunner.Run("comm", "--workers", "3", "--params", "2", "--strategy", "ring", "--repeat", "1");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("12 (8 non-empty)", result.Output);
        Assert.Contains("2n(n−1) = 12", result.Output);
        Assert.Contains("0–1", result.Output);
    }

    [Fact]
    public void AWorkerThatThrowsMakesCommExit1WithItsErrorQuickly()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = CliRunner.Run("comm", "--workers", "4", "--params", "100000", "--strategy", "ring", "--inject-failure", "2");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("injected failure on worker 2", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--workers must be between 2", "--workers", "1", "--params", "10")]
    [InlineData("--params must be between 1", "--workers", "2", "--params", "0")]
    [InlineData("unknown --strategy 'gossip'", "--workers", "2", "--params", "10", "--strategy", "gossip")]
    [InlineData("--workers is required", "--params", "10")]
    [InlineData("--params is required", "--workers", "3")]
    [InlineData("--repeat must be", "--workers", "3", "--params", "10", "--repeat", "0")]
    [InlineData("does not exist", "--workers", "3", "--params", "10", "--plot", "/no/such/dir/c.png")]
    public void BadArgumentsAreOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["comm", .. args]));

    [Fact]
    public void PlotWritesAPng()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-comm-").FullName;
        try
        {
            string path = Path.Combine(folder, "comm.png");
            var result = CliRunner.Run("comm", "--workers", "2", "--params", "1000", "--strategy", "ring", "--repeat", "1", "--plot", path);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal((byte)0x89, File.ReadAllBytes(path)[0]);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }
}
