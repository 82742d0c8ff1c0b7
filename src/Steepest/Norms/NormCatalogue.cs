using System.Globalization;

namespace Steepest.Norms;

/// <summary>The norms known by name: <c>l2, linf, l1, lp:P, weighted, frobenius, spectral, rms</c>.</summary>
public static class NormCatalogue
{
    /// <summary>The catalogue's names, as written on the command line (<c>lp:P</c> takes the exponent after the colon).</summary>
    public static IReadOnlyList<string> Names { get; } = ["l2", "linf", "l1", "lp:P", "weighted", "frobenius", "spectral", "rms"];

    /// <summary>True for the names of norms defined on matrices (frobenius, spectral, rms).</summary>
    public static bool IsMatrixNorm(string name) => name is "frobenius" or "spectral" or "rms";

    /// <summary>
    /// Builds the named norm for a rows×columns input (vector norms act on all rows·columns entries).
    /// <paramref name="weights"/> is required by, and only accepted by, <c>weighted</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, bad exponent, or weights that do not fit.</exception>
    public static Norm Parse(string name, int rows, int columns, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (rows < 1 || columns < 1) throw new ArgumentException($"shape must be positive, got {rows}×{columns}");
        string key = name.Trim().ToLowerInvariant();
        if (key != "weighted" && !weights.IsEmpty)
            throw new ArgumentException($"weights are only used by the 'weighted' norm, not by '{name}'");
        if (key.StartsWith("lp:", StringComparison.Ordinal))
        {
            string text = key[3..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !double.IsFinite(p))
                throw new ArgumentException($"'{name}': the exponent '{text}' is not a finite number");
            if (p <= 1) throw new ArgumentException($"'{name}': ℓp needs p > 1 (use l1 for p = 1)");
            return new LpNorm(p);
        }
        return key switch
        {
            "l2" => new L2Norm(),
            "linf" => new LInfinityNorm(),
            "l1" => new L1Norm(),
            "weighted" => Weighted(weights, rows * columns),
            "frobenius" => new FrobeniusNorm(rows, columns),
            "spectral" => new SpectralNorm(rows, columns),
            "rms" => new RmsOperatorNorm(rows, columns),
            "lp" => throw new ArgumentException("'lp' needs its exponent, e.g. lp:3"),
            _ => throw new ArgumentException($"unknown norm '{name}'; known: {string.Join(", ", Names)}"),
        };
    }

    private static WeightedL2Norm Weighted(ReadOnlySpan<double> weights, int length)
    {
        if (weights.IsEmpty) throw new ArgumentException("the 'weighted' norm needs one weight per element");
        if (weights.Length != length)
            throw new ArgumentException($"the 'weighted' norm got {weights.Length} weights for {length} elements");
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] > 0) || !double.IsFinite(weights[i]))
                throw new ArgumentException($"weight {i + 1} is {weights[i].ToString(CultureInfo.InvariantCulture)}; weights must be finite and > 0");
        return new WeightedL2Norm(weights);
    }
}
