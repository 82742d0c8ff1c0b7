using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>The Euclidean norm ‖x‖₂ = √(Σ xᵢ²); self-dual, so its steepest step is gradient descent.</summary>
public sealed class L2Norm : Norm
{
    /// <inheritdoc/>
    public override string Name => "l2";
    /// <inheritdoc/>
    public override string Symbol => "‖x‖₂";
    /// <inheritdoc/>
    public override string DualSymbol => "‖g‖₂";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·g";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "gradient descent with learning rate η = α/2";

    /// <summary>‖x‖₂.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x) => ScaledEuclidean(x);

    /// <summary>‖g‖₂ (ℓ2 is its own dual).</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g) => ScaledEuclidean(g);

    /// <summary>t = g / ‖g‖₂.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t) => TensorPrimitives.Divide(g, ScaledEuclidean(g), t);

    /// <summary>s = x / ‖x‖₂ (the gradient of ‖x‖₂ away from 0).</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s) => TensorPrimitives.Divide(x, ScaledEuclidean(x), s);

    /// <summary>p = v·min(1, r/‖v‖₂).</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        double norm = ScaledEuclidean(v);
        TensorPrimitives.Multiply(v, norm <= radius ? 1 : radius / norm, p);
    }

    /// <summary>x = v / (1 + 2λ).</summary>
    protected override void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x) => TensorPrimitives.Divide(v, 1 + 2 * lambda, x);
}
