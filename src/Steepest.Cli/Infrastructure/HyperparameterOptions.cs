using Steepest.Optimizers;

namespace Steepest.Cli.Infrastructure;

/// <summary>Turns a recipe's out-of-range argument into bad input that blames the option the user typed.</summary>
internal static class HyperparameterOptions
{
    /// <summary>The option that sets each recipe argument; others (β₁, ε, …) have no option and blame --optimizer.</summary>
    private static readonly Dictionary<string, string> Options = new()
    {
        ["learningRate"] = "--lr",
        ["weightDecay"] = "--weight-decay",
        ["momentum"] = "--momentum",
        ["beta"] = "--momentum",
        ["adamLearningRate"] = "--aux-lr",
    };

    /// <summary>"--lr: learningRate must be finite and > 0, got -1".</summary>
    public static UsageException Blame(InvalidHyperparameterException e) =>
        new($"{(e.ParamName is { } name && Options.TryGetValue(name, out var option) ? option : "--optimizer")}: {e.Message}");
}
