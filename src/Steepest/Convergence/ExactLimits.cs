using Steepest.LinearAlgebra;

namespace Steepest.Convergence;

/// <summary>
/// Problem 2's three limits in exact arithmetic, for one training point xᵀθ = y started at θ₀ = 0: the closed forms
/// the runner's predictions evaluate in doubles, kept as fractions so the tour can show 10000/10101 beside 0.9900.
/// </summary>
public static class ExactLimits
{
    /// <summary>SGD: θ = y·x/‖x‖², the minimum-norm solution (gradients are multiples of x, so θ stays in its span).</summary>
    public static Rational[] MinimumNorm(IReadOnlyList<Rational> x, Rational y)
    {
        var squared = SquaredNorm(x);
        if (squared.Sign == 0) throw new ArgumentException("x = 0 has no solution of xᵀθ = y", nameof(x));
        return x.Select(v => v * y / squared).ToArray();
    }

    /// <summary>Sign descent (EpochAdam with one point): θ = y·sign(x)/‖x‖₁, the solution along sign(xᵀy) (Wilson et al.).</summary>
    public static Rational[] Sign(IReadOnlyList<Rational> x, Rational y)
    {
        var l1 = x.Aggregate(Rational.Zero, (sum, v) => sum + v.Abs());
        if (l1.Sign == 0) throw new ArgumentException("x = 0 has no solution of xᵀθ = y", nameof(x));
        return x.Select(v => (Rational)v.Sign * y / l1).ToArray();
    }

    /// <summary>
    /// Rescale each feature to unit second moment (sᵢ = 1/|xᵢ| for one point), take the minimum-norm solution of the
    /// rescaled problem and map it back: θᵢ = sᵢ·θ̃ᵢ = y/(d·xᵢ), with d the number of features.
    /// </summary>
    public static Rational[] Rescaled(IReadOnlyList<Rational> x, Rational y)
    {
        if (x.Any(v => v.Sign == 0)) throw new ArgumentException("a feature that is always 0 cannot be rescaled to unit second moment", nameof(x));
        var scale = Scales(x);
        var scaled = x.Select((v, i) => v * scale[i]).ToArray();
        return MinimumNorm(scaled, y).Select((v, i) => v * scale[i]).ToArray();
    }

    /// <summary>The rescaling factors sᵢ = 1/√(mean xᵢ²) = 1/|xᵢ| for one point.</summary>
    public static Rational[] Scales(IReadOnlyList<Rational> x) => x.Select(v => Rational.One / v.Abs()).ToArray();

    /// <summary>‖x‖² = Σ xᵢ².</summary>
    public static Rational SquaredNorm(IReadOnlyList<Rational> x) => x.Aggregate(Rational.Zero, (sum, v) => sum + v * v);
}
