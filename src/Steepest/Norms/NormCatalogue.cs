namespace Steepest.Norms;

/// <summary>The catalogue's norms by name: <c>l2, linf, l1, lp:P, weighted, frobenius, spectral, rms</c> (<see cref="NormRegistry.Default"/>).</summary>
public static class NormCatalogue
{
    /// <summary>The catalogue's names, as written on the command line (<c>lp:P</c> takes the exponent after the colon).</summary>
    public static IReadOnlyList<string> Names => NormRegistry.Default.Names;

    /// <summary>True for the names of norms defined on matrices (frobenius, spectral, rms).</summary>
    public static bool IsMatrixNorm(string name) => NormRegistry.Default.Find(name)?.OnMatrices ?? false;

    /// <summary>
    /// Builds the named norm for a rows×columns input (vector norms act on all rows·columns entries).
    /// <paramref name="weights"/> is required by, and only accepted by, <c>weighted</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, bad exponent, or weights that do not fit.</exception>
    public static Norm Parse(string name, int rows, int columns, ReadOnlySpan<double> weights = default) =>
        NormRegistry.Default.Parse(name, rows, columns, weights);
}
