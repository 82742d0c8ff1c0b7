using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>Problem 1's two closed forms in exact arithmetic, so the tour can show −3/20 beside −0.1500.</summary>
public static class ExactSteps
{
    /// <summary>d = ‖Δ‖₂²: u = −(α/2)·g.</summary>
    public static Rational[] L2(IReadOnlyList<Rational> g, Rational alpha) => g.Select(v => -(alpha / 2) * v).ToArray();

    /// <summary>d = ‖Δ‖∞²: u = −(α/2)·‖g‖₁·sign(g).</summary>
    public static Rational[] LInfinity(IReadOnlyList<Rational> g, Rational alpha)
    {
        var l1 = L1(g);
        return g.Select(v => -(alpha / 2) * l1 * v.Sign).ToArray();
    }

    /// <summary>‖g‖₁ = Σ |gᵢ|.</summary>
    public static Rational L1(IReadOnlyList<Rational> g) => g.Aggregate(Rational.Zero, (sum, v) => sum + v.Abs());
}
