namespace Steepest.Norms;

/// <summary>Budgets and tolerances for <see cref="PenalizedLinearSolver"/>.</summary>
public sealed record PenalizedSolverOptions
{
    /// <summary>Stop when the certificate's residual ≤ Tolerance·max(‖g‖₂, tiny).</summary>
    public double Tolerance { get; init; } = 1e-11;

    /// <summary>Outer iterations, over all phases together.</summary>
    public int MaxIterations { get; init; } = 5_000;

    /// <summary>Penalty evaluations (value and subgradient pairs), over all phases together.</summary>
    public int MaxEvaluations { get; init; } = 100_000;

    /// <summary>Iterates beyond DivergenceRadius·max(1, α‖g‖₂) trigger the unboundedness test.</summary>
    public double DivergenceRadius { get; init; } = 1e12;

    /// <summary>Use the penalty's prox when it has one; false forces the value-and-subgradient path.</summary>
    public bool UseProx { get; init; } = true;

    /// <summary>Seed for the random points of gradient sampling.</summary>
    public int Seed { get; init; }
}
