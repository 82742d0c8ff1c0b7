using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>
/// The proximal point method Δₖ₊₁ = prox_{(tₖ/α)d}(Δₖ − tₖg) with growing steps tₖ; (Δₖ − Δₖ₊₁)/tₖ is an exact
/// subgradient of F at Δₖ₊₁, so the certificate has radius 0.
/// </summary>
internal static class ProximalPoint
{
    /// <summary>Each step is this many times the last: F is linear plus d/α, so long steps lose nothing.</summary>
    private const double StepGrowth = 10;

    /// <summary>Steps stop growing at α·MaxStepOverAlpha, far beyond any useful step, before t/α overflows.</summary>
    private const double MaxStepOverAlpha = 1e30;

    /// <summary>Minimizes F from 0.</summary>
    public static PenalizedSolution Solve(PenalizedObjective f)
    {
        const SolverMethod method = SolverMethod.ProximalPoint;
        int n = f.Dimension;
        double alpha = f.Alpha;
        var x = new double[n];
        var next = new double[n];
        var shifted = new double[n];
        double value = f.Value(x);
        if (!double.IsFinite(value)) return f.Result(x, value, SolverStatus.NotFinite, double.NaN, 0, method);
        double step = alpha, residual = double.PositiveInfinity;
        while (!f.OutOfBudget)
        {
            f.CountIteration();
            var g = f.Gradient;
            for (int i = 0; i < n; i++) shifted[i] = x[i] - step * g[i];
            f.Penalty.Prox(shifted, step / alpha, next);
            double nextValue = f.Value(next);
            if (!AllFinite(next) || !double.IsFinite(nextValue))
                return f.Result(x, value, SolverStatus.NotFinite, residual, 0, method);
            residual = Distance(x, next) / step;
            if (Norm2(next) > f.RadiusLimit && RecessionRay.Test(f, next, Difference(next, x)) is { } ray)
                return f.Unbounded(next, ray, method);
            (x, next) = (next, x);
            value = nextValue;
            if (residual <= f.TargetResidual) return f.Result(x, value, SolverStatus.Converged, residual, 0, method);
            step = Math.Min(step * StepGrowth, alpha * MaxStepOverAlpha);
        }
        return f.Result(x, value, SolverStatus.BudgetExhausted, residual, 0, method);
    }
}
