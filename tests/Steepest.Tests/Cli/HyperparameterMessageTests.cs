namespace Steepest.Tests.Cli;

/// <summary>A hyperparameter the library refuses is bad input at the command line: exit 2, one line naming the option and the value.</summary>
public sealed class HyperparameterMessageTests
{
    [Theory]
    [InlineData("--momentum: beta must be in [0, 1), got 1", "train", "--model", "softmax", "--optimizer", "signum", "--momentum", "1")]
    [InlineData("--momentum: momentum must be in [0, 1), got 1.5", "train", "--model", "softmax", "--optimizer", "muon", "--momentum", "1.5")]
    [InlineData("--momentum: momentum must be in [0, 1), got 1", "sweep", "--model", "softmax", "--optimizer", "steepest:modular", "--lr", "0.1", "--momentum", "1")]
    [InlineData("--schedule: schedule 'cosine:0': totalSteps must be ≥ 1, got 0", "train", "--model", "softmax", "--optimizer", "adamw", "--schedule", "cosine:0")]
    [InlineData("--schedule: schedule 'warmup:-3': warmupSteps must be ≥ 0, got -3", "train", "--model", "softmax", "--optimizer", "adamw", "--schedule", "warmup:-3")]
    [InlineData("--schedule: schedule 'step:10:0': gamma must be finite and > 0, got 0", "converge", "--x", "1", "--y", "1", "--optimizer", "sgd", "--schedule", "step:10:0")]
    [InlineData("--schedule: schedule '1/t:0': tau must be finite and > 0, got 0", "sweep", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.1", "--schedule", "1/t:0")]
    public void TheLineNamesTheOptionAndTheValue(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput(args));
}
