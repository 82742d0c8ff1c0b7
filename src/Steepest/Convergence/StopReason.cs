namespace Steepest.Convergence;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>loss ≤ tol (or ‖∇f‖ ≤ tol on an inconsistent problem) and ‖Δθ‖ ≤ tol over an epoch.</summary>
    Converged,
    /// <summary>The loss became non-finite or grew by a factor of 10⁸.</summary>
    Diverging,
    /// <summary>No improvement of the best loss for many epochs while θ keeps moving (e.g. a constant sign step).</summary>
    Oscillating,
    /// <summary>The iteration budget ran out first.</summary>
    BudgetSpent,
}
