namespace Steepest.Norms;

/// <summary>The Frobenius norm ‖X‖_F = √(Σ Xᵢⱼ²): ℓ2 of the entries, so its steepest step is gradient descent on the matrix.</summary>
public sealed class FrobeniusNorm : MatrixNorm
{
    private static readonly L2Norm Entries = new();

    /// <summary>Binds the Frobenius norm to a rows×columns shape.</summary>
    public FrobeniusNorm(int rows, int columns) : base(rows, columns) { }

    /// <inheritdoc/>
    public override string Name => "frobenius";
    /// <inheritdoc/>
    public override string Symbol => "‖X‖_F";
    /// <inheritdoc/>
    public override string DualSymbol => "‖G‖_F";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·G";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "gradient descent on the matrix with learning rate η = α/2";

    /// <summary>‖X‖_F.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x) => Entries.Value(x);
    /// <summary>‖G‖_F (self-dual).</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g) => Entries.DualNorm(g);
    /// <summary>T = G/‖G‖_F.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t) => Entries.Dualize(g, t);
    /// <summary>S = X/‖X‖_F.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s) => Entries.Subgradient(x, s);
    /// <summary>P = V·min(1, r/‖V‖_F).</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p) => Entries.ProjectOntoBall(v, radius, p);
    /// <summary>X = V/(1 + 2λ).</summary>
    protected override void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x) => Entries.ProxOfSquare(v, lambda, x);
}
