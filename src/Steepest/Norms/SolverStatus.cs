namespace Steepest.Norms;

/// <summary>How <see cref="PenalizedLinearSolver"/> ended.</summary>
public enum SolverStatus
{
    /// <summary>The residual certificate is below the tolerance.</summary>
    Converged,
    /// <summary>The objective decreases without bound along <see cref="PenalizedSolution.RecessionDirection"/>.</summary>
    Unbounded,
    /// <summary>No further decrease could be found; the residual says how close to optimal the point is.</summary>
    Stalled,
    /// <summary>The iteration or evaluation budget ran out.</summary>
    BudgetExhausted,
    /// <summary>The penalty returned NaN or ±∞ at a finite point.</summary>
    NotFinite,
}
