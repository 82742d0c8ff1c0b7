using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>
/// The weighted Euclidean norm ‖x‖_D = √(Σ dᵢ·xᵢ²) with dᵢ &gt; 0; its dual is ‖g‖_{D⁻¹} = √(Σ gᵢ²/dᵢ)
/// and its steepest step is diagonally preconditioned gradient descent u = −(α/2)·D⁻¹·g.
/// </summary>
public sealed class WeightedL2Norm : Norm
{
    private readonly double[] weights;
    private readonly double[] sqrtWeights;

    /// <summary>Creates ‖·‖_D; every weight must be finite and &gt; 0.</summary>
    public WeightedL2Norm(ReadOnlySpan<double> weights)
    {
        if (weights.Length == 0) throw new ArgumentException("weighted ℓ2 needs at least one weight", nameof(weights));
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] > 0) || !double.IsFinite(weights[i]))
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"weight {i + 1} must be finite and > 0");
        this.weights = weights.ToArray();
        sqrtWeights = new double[weights.Length];
        TensorPrimitives.Sqrt(weights, sqrtWeights);
    }

    /// <summary>The diagonal D.</summary>
    public ReadOnlySpan<double> Weights => weights;

    /// <inheritdoc/>
    public override int? Length => weights.Length;
    /// <inheritdoc/>
    public override string Name => "weighted";
    /// <inheritdoc/>
    public override string Symbol => "‖x‖_D";
    /// <inheritdoc/>
    public override string DualSymbol => "‖g‖_{D⁻¹}";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·D⁻¹·g";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "diagonally preconditioned gradient descent (preconditioner D⁻¹; Adam-like when D ∝ √E[g²])";

    /// <summary>√(Σ dᵢxᵢ²).</summary>
    protected override double ValueCore(ReadOnlySpan<double> x)
    {
        var scaled = new double[x.Length];
        TensorPrimitives.Multiply(x, sqrtWeights, scaled);
        return ScaledEuclidean(scaled);
    }

    /// <summary>√(Σ gᵢ²/dᵢ).</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g)
    {
        var scaled = new double[g.Length];
        TensorPrimitives.Divide(g, sqrtWeights, scaled);
        return ScaledEuclidean(scaled);
    }

    /// <summary>tᵢ = (gᵢ/dᵢ)/‖g‖_{D⁻¹}.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
    {
        double dual = DualNormCore(g);
        TensorPrimitives.Divide(g, weights, t);
        TensorPrimitives.Divide(t, dual, t);
    }

    /// <summary>sᵢ = dᵢxᵢ/‖x‖_D.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        double norm = ValueCore(x);
        TensorPrimitives.Multiply(x, weights, s);
        TensorPrimitives.Divide(s, norm, s);
    }

    /// <summary>Projection onto the ellipsoid: pᵢ = vᵢ/(1 + μdᵢ), with μ ≥ 0 found by bisection so that ‖p‖_D = r.</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        if (ValueCore(v) <= radius) { v.CopyTo(p); return; }
        double lo = 0, hi = 1;
        while (ShrunkNorm(v, hi, p) > radius && hi < 1e300) hi *= 2;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            if (ShrunkNorm(v, mid, p) > radius) lo = mid; else hi = mid;
        }
        ShrunkNorm(v, hi, p);
    }

    /// <summary>Writes pᵢ = vᵢ/(1 + μdᵢ) and returns ‖p‖_D, which decreases as μ grows.</summary>
    private double ShrunkNorm(ReadOnlySpan<double> v, double mu, Span<double> p)
    {
        for (int i = 0; i < v.Length; i++) p[i] = v[i] / (1 + mu * weights[i]);
        return ValueCore(p);
    }

    /// <summary>xᵢ = vᵢ/(1 + 2λdᵢ).</summary>
    protected override void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        for (int i = 0; i < v.Length; i++) x[i] = v[i] / (1 + 2 * lambda * weights[i]);
    }
}
