namespace Steepest.Norms;

/// <summary>Which of <see cref="PenalizedLinearSolver"/>'s methods produced a solution.</summary>
public enum SolverMethod
{
    /// <summary>Δₖ₊₁ = prox_{(tₖ/α)d}(Δₖ − tₖg) with growing steps: used when the penalty has a prox.</summary>
    ProximalPoint,
    /// <summary>L-BFGS with a weak-Wolfe line search on F's value and subgradient.</summary>
    Lbfgs,
    /// <summary>L-BFGS, then gradient sampling where L-BFGS stalled at a kink.</summary>
    LbfgsThenGradientSampling,
}
