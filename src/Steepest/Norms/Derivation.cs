using System.Numerics.Tensors;
using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>
/// Problem 1 for one norm and gradient: the closed-form update u = −(α/2)·‖g‖*·Dualize(g) with its objective
/// F(u) = ⟨g, u⟩ + (1/α)‖u‖², beside the general solver's independent answer.
/// </summary>
public sealed class Derivation
{
    private Derivation(Norm norm, double[] gradient, double alpha, double[] update, double dualNorm, double objective, PenalizedSolution numeric)
    {
        Norm = norm;
        Gradient = gradient;
        Alpha = alpha;
        Update = update;
        DualNorm = dualNorm;
        Objective = objective;
        Numeric = numeric;
    }

    /// <summary>The norm that defines the distance penalty.</summary>
    public Norm Norm { get; }

    /// <summary>The gradient g (row-major for matrices).</summary>
    public double[] Gradient { get; }

    /// <summary>The penalty weight α in (1/α)·‖Δ‖².</summary>
    public double Alpha { get; }

    /// <summary>The closed-form update u.</summary>
    public double[] Update { get; }

    /// <summary>‖g‖*.</summary>
    public double DualNorm { get; }

    /// <summary>F(u) = ⟨g, u⟩ + (1/α)·‖u‖², evaluated at the closed form (theory: −(α/4)·‖g‖*²).</summary>
    public double Objective { get; }

    /// <summary>The general solver's result for the same problem.</summary>
    public PenalizedSolution Numeric { get; }

    /// <summary>The smallest positive normal double, 2⁻¹⁰²².</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>The relative gap between the closed form's objective and the solver's within which they agree.</summary>
    public const double AgreementTolerance = 1e-4;

    /// <summary>True when the solver's objective is within <see cref="AgreementTolerance"/> (relative) of the closed form's.</summary>
    public bool SolverAgrees =>
        Math.Abs(Numeric.Objective - Objective) <= AgreementTolerance * Math.Max(Math.Abs(Objective), Math.Abs(Numeric.Objective)) || Numeric.Objective == Objective;

    /// <summary>
    /// The general solver on the scaled problem: with c = maxᵢ|gᵢ| and Δ = α·c·D, F(Δ) = α·c²·(⟨g/c, D⟩ + ‖D‖²), so it
    /// solves for D at α = 1 on a gradient of size 1 and scales back. The squared norm makes this exact, and the solver
    /// then never sees 1/α or ‖Δ‖² near the ends of the double range.
    /// </summary>
    private static PenalizedSolution SolveScaled(Norm norm, ReadOnlySpan<double> g, double alpha, PenalizedSolverOptions? options)
    {
        double c = Math.Abs(TensorPrimitives.MaxMagnitude(g));
        if (!(c > 0) || !double.IsFinite(c)) return PenalizedLinearSolver.Solve(g, alpha, ConvexPenalty.SquaredNorm(norm), options);
        var unit = new double[g.Length];
        TensorPrimitives.Multiply(g, 1 / c, unit);
        var scaled = PenalizedLinearSolver.Solve(unit, 1, ConvexPenalty.SquaredNorm(norm), options);
        double step = alpha * c;
        return new PenalizedSolution
        {
            Minimizer = scaled.Minimizer.Select(d => d * step).ToArray(),
            Objective = step * c * scaled.Objective,
            Status = scaled.Status,
            Residual = c * scaled.Residual,
            ResidualRadius = step * scaled.ResidualRadius,
            Iterations = scaled.Iterations,
            Evaluations = scaled.Evaluations,
            Method = scaled.Method,
            RecessionDirection = scaled.RecessionDirection,
            RecessionSlope = c * scaled.RecessionSlope,
        };
    }

    /// <summary>Derives the update for <paramref name="norm"/> at gradient <paramref name="g"/> with weight α.</summary>
    /// <exception cref="ArgumentException">The answer is not representable in double: 1/α overflows, or the update or its objective overflows or underflows.</exception>
    public static Derivation Of(Norm norm, ReadOnlySpan<double> g, double alpha, PenalizedSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(norm);
        if (alpha < SmallestNormal || !double.IsFinite(1 / alpha))
            throw new ArgumentException($"α = {alpha:G4} is below the smallest normal double ({SmallestNormal:G3}), where 1/α overflows and α itself loses digits");
        var update = new double[g.Length];
        double dual = norm.DualNorm(g);
        // The answer's scale, in logs so that checking it cannot overflow: |u| ~ (α/2)·‖g‖*, F = −(α/4)·‖g‖*².
        if (dual > 0)
        {
            double logStep = Math.Log10(alpha / 2) + Math.Log10(dual), logObjective = Math.Log10(alpha / 4) + 2 * Math.Log10(dual);
            if (logStep > Math.Log10(double.MaxValue))
                throw new ArgumentException($"the update's length (α/2)·‖g‖* ≈ 1e{logStep:F0} overflows a double; scale g or α down");
            if (logObjective > Math.Log10(double.MaxValue))
                throw new ArgumentException($"the objective −(α/4)·‖g‖*² ≈ −1e{logObjective:F0} overflows a double; scale g or α down");
            if (logObjective < Math.Log10(SmallestNormal))
                throw new ArgumentException($"the objective −(α/4)·‖g‖*² ≈ −1e{logObjective:F0} is below the normal range of a double, where it loses its digits; scale g or α up");
        }
        dual = norm.SteepestStep(g, alpha, update);
        // F(u) = ⟨g,u⟩ + ‖u‖·(‖u‖/α): dividing before squaring keeps ‖u‖²/α finite whenever F is.
        double size = norm.Value(update);
        double objective = OrderedSums.Dot(g, update) + size * (size / alpha);
        return new Derivation(norm, g.ToArray(), alpha, update, dual, objective, SolveScaled(norm, g, alpha, options));
    }
}
