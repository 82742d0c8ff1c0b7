using Steepest.Norms;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers;

/// <summary>
/// The optimizers known by name, and the one place that turns a name into a recipe. <see cref="Default"/> holds
/// the catalogue; <see cref="With"/> adds one.
/// </summary>
public sealed class OptimizerRegistry
{
    private readonly OptimizerEntry[] entries;

    /// <summary>A registry of these entries, in the order they are listed.</summary>
    /// <exception cref="ArgumentException">Two entries share a name.</exception>
    public OptimizerRegistry(IEnumerable<OptimizerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = entries.ToArray();
        var twice = this.entries.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"two optimizers are named '{twice.Key}'");
    }

    /// <summary>sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adamw, adagrad, rmsprop, epoch-adam, muon, steepest:NORM, steepest:modular.</summary>
    public static OptimizerRegistry Default { get; } = new(OptimizerEntries.All);

    /// <summary>The entries, in order (a parametric one once, by its pattern).</summary>
    public IReadOnlyList<OptimizerEntry> Entries => entries;

    /// <summary>The names, as written on the command line.</summary>
    public IReadOnlyList<string> Names => entries.Select(e => e.Name).ToArray();

    /// <summary>This registry with <paramref name="entry"/> added at the end.</summary>
    public OptimizerRegistry With(OptimizerEntry entry) => new(entries.Append(entry));

    /// <summary>The entry a name refers to (for a parametric name, the one for its parameter), or null when none does.</summary>
    /// <exception cref="ArgumentException">A parametric name whose parameter does not fit, e.g. steepest:l7.</exception>
    public OptimizerEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        if (entries.FirstOrDefault(e => e.Specialize is null && e.Name == key) is { } exact) return exact;
        foreach (var entry in entries)
            if (entry.Prefix is { } prefix && key.StartsWith(prefix + ":", StringComparison.Ordinal))
                return entry.Specialize!(key[(prefix.Length + 1)..]);
        return null;
    }

    /// <summary>The entry a name refers to.</summary>
    /// <exception cref="ArgumentException">No entry has that name, or its parameter is missing or does not fit.</exception>
    public OptimizerEntry Get(string name)
    {
        var entry = Find(name);
        if (entry is not null) return entry;
        string key = name.Trim().ToLowerInvariant();
        var bare = entries.FirstOrDefault(e => e.Prefix == key);
        throw new ArgumentException(bare?.MissingParameter ?? $"unknown optimizer '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>Builds the named recipe with <paramref name="settings"/>' overrides.</summary>
    /// <exception cref="ArgumentException">Unknown name, or a setting the recipe does not take or cannot use.</exception>
    public GradientTransform Create(string name, OptimizerSettings? settings = null)
    {
        settings ??= new OptimizerSettings();
        var entry = Get(name);
        if (settings.Momentum is not null && entry.DefaultMomentum is null)
            throw new ArgumentException($"'{name}' takes no momentum setting ({List(entries.Where(e => e.DefaultMomentum is not null))} do)");
        if (settings.StatePrecision != StatePrecision.Fp32 && !entry.CompressibleState)
            throw new ArgumentException($"state precision {settings.StatePrecision.Name()} applies to the moments of " +
                $"{List(entries.Where(e => e.CompressibleState).OrderBy(e => e.Name, StringComparer.Ordinal))}; '{name}' keeps fp32 state");
        if (settings.NormWeights is not null && !entry.TakesWeights)
            throw new ArgumentException($"'{name}' takes no weights (steepest:weighted does)");
        return entry.Create(new RecipeArguments(entry, settings));
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string List(IEnumerable<OptimizerEntry> entries)
    {
        var names = entries.Select(e => e.Name).ToArray();
        return names.Length <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
