using System.Globalization;

namespace Steepest.Norms;

/// <summary>
/// The norms known by name, and the one place that turns a name into a norm. <see cref="Default"/> holds the
/// catalogue; <see cref="With"/> adds one.
/// </summary>
public sealed class NormRegistry
{
    private readonly NormEntry[] entries;

    /// <summary>A registry of these entries, in the order they are listed.</summary>
    /// <exception cref="ArgumentException">Two entries share a name.</exception>
    public NormRegistry(IEnumerable<NormEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = entries.ToArray();
        var twice = this.entries.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"two norms are named '{twice.Key}'");
    }

    /// <summary>l2, linf, l1, lp:P, weighted, frobenius, spectral, rms.</summary>
    public static NormRegistry Default { get; } = new(
    [
        new("l2", "ℓ2, the Euclidean norm", _ => new L2Norm()),
        new("linf", "ℓ∞, the max norm", _ => new LInfinityNorm()),
        new("l1", "ℓ1, the sum of magnitudes", _ => new L1Norm()),
        new("lp:P", "ℓp for any p > 1", a => new LpNorm(Exponent(a))) { MissingParameter = "'lp' needs its exponent, e.g. lp:3" },
        new("weighted", "√(Σ dᵢxᵢ²), a diagonal metric", a => Weighted(a.Weights, a.Rows * a.Columns)) { TakesWeights = true },
        new("frobenius", "the Frobenius norm of a matrix", a => new FrobeniusNorm(a.Rows, a.Columns)) { OnMatrices = true },
        new("spectral", "the spectral norm, the largest singular value", a => new SpectralNorm(a.Rows, a.Columns)) { OnMatrices = true },
        new("rms", "the RMS→RMS operator norm", a => new RmsOperatorNorm(a.Rows, a.Columns)) { OnMatrices = true },
    ]);

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<NormEntry> Entries => entries;

    /// <summary>The names, as written on the command line.</summary>
    public IReadOnlyList<string> Names => entries.Select(e => e.Name).ToArray();

    /// <summary>This registry with <paramref name="entry"/> added at the end.</summary>
    public NormRegistry With(NormEntry entry) => new(entries.Append(entry));

    /// <summary>The entry a name (case and surrounding spaces aside) refers to, or null.</summary>
    public NormEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        return entries.FirstOrDefault(e => e.Prefix is { } prefix ? key.StartsWith(prefix + ":", StringComparison.Ordinal) : e.Name == key);
    }

    /// <summary>Builds the named norm for a rows×columns input; <paramref name="weights"/> only for a norm that takes them.</summary>
    /// <exception cref="ArgumentException">Unknown name, bad parameter, or weights that do not fit.</exception>
    public Norm Parse(string name, int rows, int columns, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (rows < 1 || columns < 1) throw new ArgumentException($"shape must be positive, got {rows}×{columns}");
        string key = name.Trim().ToLowerInvariant();
        var entry = Find(key);
        if (!(entry?.TakesWeights ?? false) && !weights.IsEmpty)
            throw new ArgumentException($"weights are only used by the {string.Join(" and ", entries.Where(e => e.TakesWeights).Select(e => $"'{e.Name}'"))} norm, not by '{name}'");
        if (entry is null)
        {
            var bare = entries.FirstOrDefault(e => e.Prefix == key);
            throw new ArgumentException(bare?.MissingParameter ?? $"unknown norm '{name}'; known: {string.Join(", ", Names)}");
        }
        string parameter = entry.Prefix is { } prefix ? key[(prefix.Length + 1)..] : "";
        return entry.Create(new NormArguments(rows, columns, weights.ToArray(), parameter, name));
    }

    private static double Exponent(NormArguments a)
    {
        if (!double.TryParse(a.Parameter, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !double.IsFinite(p))
            throw new ArgumentException($"'{a.Written}': the exponent '{a.Parameter}' is not a finite number");
        if (p <= 1) throw new ArgumentException($"'{a.Written}': ℓp needs p > 1 (use l1 for p = 1)");
        return p;
    }

    private static WeightedL2Norm Weighted(double[] weights, int length)
    {
        if (weights.Length == 0) throw new ArgumentException("the 'weighted' norm needs one weight per element");
        if (weights.Length != length)
            throw new ArgumentException($"the 'weighted' norm got {weights.Length} weights for {length} elements");
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] > 0) || !double.IsFinite(weights[i]))
                throw new ArgumentException($"weight {i + 1} is {weights[i].ToString(CultureInfo.InvariantCulture)}; weights must be finite and > 0");
        return new WeightedL2Norm(weights);
    }
}
