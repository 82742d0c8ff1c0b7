namespace Steepest.Norms;

/// <summary>
/// Solves the penalized linear improvement u = argmin_Δ F(Δ), F(Δ) = ⟨g, Δ⟩ + (1/α)·d(Δ), for any convex penalty d,
/// numerically and independently of the closed forms in the norm classes (which it exists to cross-check).
/// </summary>
/// <remarks>
/// <para>With a prox: the proximal point method Δₖ₊₁ = prox_{(tₖ/α)d}(Δₖ − tₖg) with growing steps tₖ (×10 each).
/// (Δₖ − Δₖ₊₁)/tₖ is then an exact subgradient of F at Δₖ₊₁: the certificate, with radius 0.</para>
/// <para>Without one: L-BFGS with a weak-Wolfe line search, which reaches smooth minimizers to full precision;
/// where it stalls at a kink, gradient sampling (Burke, Lewis &amp; Overton 2005) takes over, and its certificate is the
/// shortest convex combination of subgradients sampled within a radius ε of the point.</para>
/// <para>Unboundedness: when an iterate leaves the ball of radius DivergenceRadius·max(1, α‖g‖₂), the solver tests the
/// ray along its last move at distances up to 10⁶ times further. F is convex along a ray, so its secant slope only
/// grows; if it is still negative that far out, the problem is reported unbounded with the direction and slope.
/// A minimizer farther away than that is, by this test, indistinguishable from none. Every loop has a budget.</para>
/// </remarks>
public static class PenalizedLinearSolver
{
    /// <summary>Minimizes ⟨g, Δ⟩ + (1/α)·d(Δ) from Δ₀ = 0.</summary>
    public static PenalizedSolution Solve(ReadOnlySpan<double> g, double alpha, ConvexPenalty penalty, PenalizedSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(penalty);
        if (g.IsEmpty) throw new ArgumentException("the gradient is empty", nameof(g));
        foreach (double value in g)
            if (!double.IsFinite(value)) throw new ArgumentException("the gradient contains NaN or infinity", nameof(g));
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be a finite number > 0");
        options ??= new PenalizedSolverOptions();
        var objective = new PenalizedObjective(g.ToArray(), alpha, penalty, options);
        return penalty.HasProx && options.UseProx ? ProximalPoint.Solve(objective) : Lbfgs.Solve(objective);
    }
}
