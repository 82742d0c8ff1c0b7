using System.Text.Json;

namespace Steepest.Tests.Cli;

/// <summary>Issue 18's first class: every error names the option the user typed and what is wrong with it, and the exit code follows one rule.</summary>
public sealed class MessageTests
{
    [Theory]
    [InlineData("--params: '3000000000' is too large (at most 2147483647)", "comm", "--params", "3000000000")]
    [InlineData("--workers: '-99999999999' is too small (at least -2147483648)", "comm", "--workers", "-99999999999")]
    [InlineData("--seed: '-4' is too small (at least 0)", "train", "--seed", "-4")]
    [InlineData("--epochs: '2.5' is not a whole number", "train", "--epochs", "2.5")]
    [InlineData("--max-iter: '99999999999999999999' is too large (at most 9223372036854775807)", "converge", "--max-iter", "99999999999999999999")]
    [InlineData("--repeat: 'many' is not a whole number", "bench", "gemm", "--repeat", "many")]
    public void AWholeNumberOutOfRangeSaysTheLimit(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput(args));

    [Theory]
    [InlineData("--schedule: unknown schedule 'bogus'", "train", "--model", "softmax", "--optimizer", "sgd", "--schedule", "bogus")]
    [InlineData("--schedule: schedule 'step:10'", "train", "--model", "softmax", "--optimizer", "adamw", "--schedule", "step:10")]
    [InlineData("--schedule: unknown schedule 'linear'", "sweep", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.1", "--schedule", "linear")]
    [InlineData("--schedule: schedule 'cosine': cosine needs its length here", "converge", "--x", "1", "--y", "1", "--optimizer", "sgd", "--schedule", "cosine")]
    public void ABadScheduleBlamesTheSchedule(string expected, params string[] args)
    {
        string line = CliRunner.AssertBadInput(args);
        Assert.Contains(expected, line);
        if (line.Contains("unknown schedule")) Assert.Contains("cosine (over the whole run, in train)", line);
    }

    [Theory]
    [InlineData("--size must be between 1 and 65536, got 0", "--size", "0")]
    [InlineData("--size must be between 1 and 65536, got 70000", "--size", "70000")]
    [InlineData("--m must be between 1 and 65536, got 0", "--size", "8", "--m", "0")]
    [InlineData("--k must be between 1 and 65536, got -3", "--m", "2", "--n", "2", "--k", "-3")]
    public void BenchGemmNamesTheDimensionTheUserGave(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput(["bench", "gemm", .. args]));

    [Fact]
    public void ADivergingConvergeRunReportsThenExits1LikeTrain()
    {
        var diverged = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--lr", "100", "--json");
        Assert.Equal(1, diverged.ExitCode);
        Assert.Equal("diverging", JsonDocument.Parse(diverged.Output).RootElement.GetProperty("reason").GetString());
        Assert.Equal("steepest: error: sgd diverged: the loss blew up; try a smaller --lr", diverged.Error.Trim());

        var text = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "momentum", "--lr", "50");
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("diverging", text.Output);

        var converged = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--json");
        Assert.True(converged.ExitCode == 0, converged.Error);
        var budget = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--max-iter", "3", "--json");
        Assert.True(budget.ExitCode == 0, budget.Error); // stopped short, but nothing failed: the report says why
    }
}
