using Steepest.LinearAlgebra;
using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>
/// F(x) = ⟨g, x⟩ + d(x)/α for one solve, with the one budget of iterations and evaluations that all of the solver's
/// methods draw on, and the scales their tolerances are relative to.
/// </summary>
internal sealed class PenalizedObjective
{
    private readonly double[] g;
    private readonly ConvexPenalty penalty;
    private int evaluations;
    private int iterations;

    public PenalizedObjective(double[] g, double alpha, ConvexPenalty penalty, PenalizedSolverOptions options)
    {
        this.g = g;
        this.penalty = penalty;
        Alpha = alpha;
        Options = options;
        double norm = Norm2(g);
        GradientScale = norm > 0 ? norm : 1; // with g = 0 the tolerance is absolute
        RadiusLimit = options.DivergenceRadius * Math.Max(1, alpha * norm);
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>The budgets, tolerance and seed.</summary>
    public PenalizedSolverOptions Options { get; }

    /// <summary>The dimension n.</summary>
    public int Dimension => g.Length;

    /// <summary>g.</summary>
    public ReadOnlySpan<double> Gradient => g;

    /// <summary>The penalty d.</summary>
    public ConvexPenalty Penalty => penalty;

    /// <summary>‖g‖₂, or 1 when g = 0.</summary>
    public double GradientScale { get; }

    /// <summary>Iterates beyond DivergenceRadius·max(1, α‖g‖₂) trigger the ray test.</summary>
    public double RadiusLimit { get; }

    /// <summary>Tolerance·‖g‖₂: the residual a converged certificate must reach.</summary>
    public double TargetResidual => Options.Tolerance * GradientScale;

    /// <summary>Whether the shared iteration or evaluation budget is spent.</summary>
    public bool OutOfBudget => iterations >= Options.MaxIterations || evaluations >= Options.MaxEvaluations;

    /// <summary>Counts one outer iteration of any method against the budget.</summary>
    public void CountIteration() => iterations++;

    /// <summary>F(x) = ⟨g, x⟩ + d(x)/α.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        evaluations++;
        return OrderedSums.Dot(g, x) + penalty.Value(x) / Alpha;
    }

    /// <summary>F(x) and a subgradient g + ∂d(x)/α.</summary>
    public double ValueAndSubgradient(ReadOnlySpan<double> x, Span<double> subgradient)
    {
        double value = Value(x);
        penalty.Subgradient(x, subgradient);
        for (int i = 0; i < g.Length; i++) subgradient[i] = g[i] + subgradient[i] / Alpha;
        return value;
    }

    /// <summary>A solution at x, with the budget used so far.</summary>
    public PenalizedSolution Result(double[] x, double value, SolverStatus status, double residual, double radius, SolverMethod method) => new()
    {
        Minimizer = x.ToArray(),
        Objective = value,
        Status = status,
        Residual = residual,
        ResidualRadius = radius,
        Iterations = iterations,
        Evaluations = evaluations,
        Method = method,
    };

    /// <summary>An unbounded solution: F keeps falling from x along the ray.</summary>
    public PenalizedSolution Unbounded(double[] x, RecessionRay ray, SolverMethod method) => new()
    {
        Minimizer = x.ToArray(),
        Objective = Value(x),
        Status = SolverStatus.Unbounded,
        Residual = double.NaN,
        ResidualRadius = 0,
        Iterations = iterations,
        Evaluations = evaluations,
        Method = method,
        RecessionDirection = ray.Direction,
        RecessionSlope = ray.Slope,
    };
}
