namespace Steepest.Norms;

/// <summary>d(x) = ‖x‖², with ∂d(x) = 2‖x‖·∂‖x‖ and the prox from <see cref="Norm.ProxOfSquare"/>.</summary>
internal sealed class SquaredNormPenalty(Norm norm) : ConvexPenalty
{
    public override string Description => $"{norm.Symbol}²".Replace("x", "Δ", StringComparison.Ordinal).Replace("X", "Δ", StringComparison.Ordinal);

    public override double Value(ReadOnlySpan<double> x)
    {
        double value = norm.Value(x);
        return value * value;
    }

    public override void Subgradient(ReadOnlySpan<double> x, Span<double> s)
    {
        double value = norm.Value(x);
        norm.Subgradient(x, s);
        for (int i = 0; i < s.Length; i++) s[i] *= 2 * value;
    }

    public override bool HasProx => norm.HasEfficientProxOfSquare;

    public override void Prox(ReadOnlySpan<double> v, double lambda, Span<double> x) => norm.ProxOfSquare(v, lambda, x);
}
