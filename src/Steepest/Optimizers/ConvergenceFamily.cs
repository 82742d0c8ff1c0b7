namespace Steepest.Optimizers;

/// <summary>Which implicit bias predicts an optimizer's limit on an underdetermined least-squares problem.</summary>
public enum ConvergenceFamily
{
    /// <summary>Stays in θ₀ + row space: the minimum-norm solution θ₀ + X⁺(y − Xθ₀).</summary>
    Gradient,
    /// <summary>A fixed diagonal preconditioner P: the minimum P⁻¹-norm solution.</summary>
    Preconditioned,
    /// <summary>Adaptive and sign methods: sign(Xᵀy)/c where X·sign(Xᵀy) = c·y exists (Wilson et al. 2017).</summary>
    Adaptive,
    /// <summary>No closed form.</summary>
    Other,
}
