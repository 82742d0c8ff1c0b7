namespace Steepest.Norms;

/// <summary>Writes some s ∈ ∂d(x) into <paramref name="s"/>.</summary>
public delegate void PenaltySubgradient(ReadOnlySpan<double> x, Span<double> s);
