namespace Steepest.Optimizers;

/// <summary>
/// One step of an update rule in the style of optax: <see cref="Init"/> creates explicit state for a list of
/// parameters, and <see cref="Update"/> rewrites the update buffers in place (gradients on entry). Transforms compose
/// with <see cref="Chain"/>; the sign convention is optax's: the final update is added to the parameters.
/// </summary>
public abstract class GradientTransform
{
    /// <summary>A short description with the hyperparameters, e.g. "scale_by_adam(0.9, 0.999, 1e-08)".</summary>
    public abstract string Name { get; }

    /// <summary>Creates this transform's state for <paramref name="parameters"/>.</summary>
    public abstract TransformState Init(IReadOnlyList<Parameter> parameters);

    /// <summary>Rewrites context.Updates in place, reading and advancing <paramref name="state"/>.</summary>
    public abstract void Update(UpdateContext context, TransformState state);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
