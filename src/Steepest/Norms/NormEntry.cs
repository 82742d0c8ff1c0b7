namespace Steepest.Norms;

/// <summary>
/// One norm of a <see cref="NormRegistry"/>: the name it is written by (<c>lp:P</c> for one that takes a parameter
/// after the colon), a line saying what it is, and how it is built for a rows×columns input.
/// </summary>
/// <param name="Name">The command-line name, e.g. "linf"; "lp:P" takes the text after "lp:" as its parameter.</param>
/// <param name="Display">What the norm is, in a few words, e.g. "ℓ∞, the max norm".</param>
/// <param name="Create">Builds it; throws <see cref="ArgumentException"/> for a parameter or weights that do not fit.</param>
public sealed record NormEntry(string Name, string Display, Func<NormArguments, Norm> Create)
{
    /// <summary>True for a norm of matrices (frobenius, spectral, rms); the others act on all entries as one vector.</summary>
    public bool OnMatrices { get; init; }

    /// <summary>True when it is built from one weight per entry (weighted), which no other norm accepts.</summary>
    public bool TakesWeights { get; init; }

    /// <summary>For a parametric name, the message when the parameter is left out, e.g. "'lp' needs its exponent, e.g. lp:3".</summary>
    public string? MissingParameter { get; init; }

    /// <summary>"lp" for "lp:P": the part before the colon of a parametric name, or null.</summary>
    public string? Prefix => Name.IndexOf(':') is > 0 and var colon ? Name[..colon] : null;
}
