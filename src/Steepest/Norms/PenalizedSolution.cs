namespace Steepest.Norms;

/// <summary>The result of <see cref="PenalizedLinearSolver.Solve"/>: a minimizer with its objective and an optimality certificate.</summary>
public sealed class PenalizedSolution
{
    /// <summary>The returned point Δ.</summary>
    public required double[] Minimizer { get; init; }

    /// <summary>F(Δ) = ⟨g, Δ⟩ + (1/α)·d(Δ), evaluated at <see cref="Minimizer"/>.</summary>
    public required double Objective { get; init; }

    /// <summary>How the solver ended.</summary>
    public required SolverStatus Status { get; init; }

    /// <summary>
    /// Certificate: the Euclidean norm of a vector w in the convex hull of subgradients of F taken within
    /// <see cref="ResidualRadius"/> of Δ (radius 0: w ∈ ∂F(Δ) itself). For convex F and any Δ', F(Δ') ≥ F(Δ) − ‖w‖·‖Δ' − Δ‖
    /// when the radius is 0, so a small residual bounds the gap on any bounded region.
    /// </summary>
    public required double Residual { get; init; }

    /// <summary>Radius of the neighbourhood the certificate's subgradients come from (0 for the prox path and smooth convergence).</summary>
    public required double ResidualRadius { get; init; }

    /// <summary>Outer iterations used.</summary>
    public required int Iterations { get; init; }

    /// <summary>Penalty evaluations used.</summary>
    public required int Evaluations { get; init; }

    /// <summary>The method that produced this solution; <see cref="SolverMethodNames.Name"/> gives its words.</summary>
    public required SolverMethod Method { get; init; }

    /// <summary>For <see cref="SolverStatus.Unbounded"/>: a unit direction v along which F(Δ + τv) keeps decreasing.</summary>
    public double[]? RecessionDirection { get; init; }

    /// <summary>For <see cref="SolverStatus.Unbounded"/>: the measured slope (F(Δ + τv) − F(Δ))/τ at the largest τ tried (negative).</summary>
    public double RecessionSlope { get; init; }

    /// <summary>One line that says how the solver ended, with the certificate.</summary>
    public string Summary => Status switch
    {
        SolverStatus.Unbounded => $"unbounded below: slope {RecessionSlope:G4} along a recession direction ({Method.Name()}, {Counted(Iterations, "iteration")})",
        _ => $"{Status.ToString().ToLowerInvariant()}: objective {Objective:G10}, residual {Residual:G3}" +
             (ResidualRadius > 0 ? $" within radius {ResidualRadius:G3}" : "") + $" ({Method.Name()}, {Counted(Iterations, "iteration")}, {Counted(Evaluations, "evaluation")})",
    };

    /// <summary>"1 iteration", "5 iterations".</summary>
    private static string Counted(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
