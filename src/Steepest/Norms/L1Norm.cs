namespace Steepest.Norms;

/// <summary>The taxicab norm ‖x‖₁ = Σ |xᵢ|; its dual is ℓ∞ and its steepest step is greedy coordinate descent.</summary>
/// <remarks>Tie rule: Dualize moves only the lowest index k attaining max |g_k|; Subgradient maps xᵢ = 0 to 0.</remarks>
public sealed class L1Norm : Norm
{
    /// <inheritdoc/>
    public override string Name => "l1";
    /// <inheritdoc/>
    public override string Symbol => "‖x‖₁";
    /// <inheritdoc/>
    public override string DualSymbol => "‖g‖∞";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·‖g‖∞·sign(g_k)·e_k, k = argmax |g_i|";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "greedy coordinate descent (Gauss–Southwell rule: move the steepest coordinate)";

    /// <summary>Σ |xᵢ|.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double value in x) sum += Math.Abs(value);
        return sum;
    }

    /// <summary>‖g‖∞ = maxᵢ |gᵢ|.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g) => MaxAbs(g);

    /// <summary>t = sign(g_k)·e_k for the lowest k with |g_k| = ‖g‖∞.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
    {
        int k = 0;
        for (int i = 1; i < g.Length; i++)
            if (Math.Abs(g[i]) > Math.Abs(g[k])) k = i;
        t.Clear();
        t[k] = Math.Sign(g[k]);
    }

    /// <summary>s = sign(x), with sign(0) = 0.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        for (int i = 0; i < x.Length; i++) s[i] = Math.Sign(x[i]);
    }

    /// <summary>
    /// Projection onto the ℓ1 ball by soft-thresholding: p = sign(v)·max(|v| − θ, 0), where θ ≥ 0 is found
    /// from the sorted magnitudes so that ‖p‖₁ = r (sort-based algorithm, O(n log n)).
    /// </summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        if (ValueCore(v) <= radius) { v.CopyTo(p); return; }
        var magnitudes = new double[v.Length];
        for (int i = 0; i < v.Length; i++) magnitudes[i] = Math.Abs(v[i]);
        Array.Sort(magnitudes);
        Array.Reverse(magnitudes);
        double cumulative = 0, theta = 0;
        for (int k = 0; k < magnitudes.Length; k++)
        {
            cumulative += magnitudes[k];
            double candidate = (cumulative - radius) / (k + 1);
            if (magnitudes[k] > candidate) theta = candidate;
            else break;
        }
        for (int i = 0; i < v.Length; i++) p[i] = Math.Sign(v[i]) * Math.Max(Math.Abs(v[i]) - theta, 0);
    }
}
