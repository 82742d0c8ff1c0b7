namespace Steepest.Optimizers;

/// <summary>How the convergence lab chooses a learning rate for an optimizer when none is given.</summary>
public enum AutomaticStep
{
    /// <summary>The constant 1/L, L the curvature of the loss in the step's geometry: the update shrinks with the gradient.</summary>
    Curvature,
    /// <summary>η_t = η₀·0.995ᵗ with η₀ = 0.1·‖X⁺y‖∞: the step does not shrink with the gradient, so the rate must.</summary>
    SignScaledDecaying,
    /// <summary>The constant η₀ = 0.1·‖X⁺y‖∞: the method's accumulator already shrinks its steps.</summary>
    SignScaledConstant,
}
