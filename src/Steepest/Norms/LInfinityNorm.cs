namespace Steepest.Norms;

/// <summary>The max norm ‖x‖∞ = maxᵢ |xᵢ|; its dual is ℓ1 and its steepest step is sign descent.</summary>
/// <remarks>Tie rule: Dualize maps gᵢ = 0 to 0 (sign(0) = 0); Subgradient picks the lowest index attaining the max.</remarks>
public sealed class LInfinityNorm : Norm
{
    /// <inheritdoc/>
    public override string Name => "linf";
    /// <inheritdoc/>
    public override string Symbol => "‖x‖∞";
    /// <inheritdoc/>
    public override string DualSymbol => "‖g‖₁";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·‖g‖₁·sign(g)";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "sign descent (the SignSGD direction), step length scaled by ‖g‖₁";

    /// <summary>maxᵢ |xᵢ|.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x) => MaxAbs(x);

    /// <summary>‖g‖₁ = Σ |gᵢ|.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g)
    {
        double sum = 0;
        foreach (double value in g) sum += Math.Abs(value);
        return sum;
    }

    /// <summary>t = sign(g), with sign(0) = 0.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
    {
        for (int i = 0; i < g.Length; i++) t[i] = Math.Sign(g[i]);
    }

    /// <summary>s = sign(x_k)·e_k for the lowest k with |x_k| = ‖x‖∞.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        int k = 0;
        for (int i = 1; i < x.Length; i++)
            if (Math.Abs(x[i]) > Math.Abs(x[k])) k = i;
        s.Clear();
        s[k] = Math.Sign(x[k]);
    }

    /// <summary>sign(g), which is exact.</summary>
    public override Dualizer CreateDualizer(int newtonSchulzSteps = 5, bool exact = false) => new SignDualizer();

    /// <summary>p = clip(v, −r, r).</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        for (int i = 0; i < v.Length; i++) p[i] = Math.Clamp(v[i], -radius, radius);
    }
}
