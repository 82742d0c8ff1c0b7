namespace Steepest.Norms;

/// <summary>d(x) = ‖x‖, with ∂d = ∂‖x‖ and the prox found along the norm's balls (radius search with slope λ).</summary>
internal sealed class NormPenalty(Norm norm) : ConvexPenalty
{
    public override string Description => norm.Symbol.Replace("x", "Δ", StringComparison.Ordinal).Replace("X", "Δ", StringComparison.Ordinal);

    public override double Value(ReadOnlySpan<double> x) => norm.Value(x);

    public override void Subgradient(ReadOnlySpan<double> x, Span<double> s) => norm.Subgradient(x, s);

    public override bool HasProx => norm.HasEfficientProxOfSquare;

    public override void Prox(ReadOnlySpan<double> v, double lambda, Span<double> x) => norm.ProxOfRadial(v, _ => lambda, x);
}
