namespace Steepest.Norms;

/// <summary>A penalty given by user functions.</summary>
internal sealed class FunctionPenalty(string description, PenaltyValue value, PenaltySubgradient subgradient, PenaltyProx? prox) : ConvexPenalty
{
    public override string Description => description;

    public override double Value(ReadOnlySpan<double> x) => value(x);

    public override void Subgradient(ReadOnlySpan<double> x, Span<double> s) => subgradient(x, s);

    public override bool HasProx => prox is not null;

    public override void Prox(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        if (prox is null) base.Prox(v, lambda, x);
        else prox(v, lambda, x);
    }
}
