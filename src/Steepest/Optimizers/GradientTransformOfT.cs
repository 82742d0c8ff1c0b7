using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers;

/// <summary>
/// A transform whose state has a type: <see cref="CreateState"/> makes a <typeparamref name="TState"/> and
/// <see cref="Update(UpdateContext, TState)"/> receives it as one, so no transform casts its own state. A transform
/// whose moments may be stored in bf16 or int8 also receives that storage form through <c>UpdateStored</c>.
/// </summary>
/// <typeparam name="TState">The named state, e.g. <see cref="Transforms.AdamState"/> with Mu, Nu and Count.</typeparam>
public abstract class GradientTransform<TState> : GradientTransform where TState : TransformState
{
    /// <summary>The state for <paramref name="parameters"/>: zeroed buffers and counters.</summary>
    protected abstract TState CreateState(IReadOnlyList<Parameter> parameters);

    /// <summary>Rewrites context.Updates in place, reading and advancing <paramref name="state"/>.</summary>
    public abstract void Update(UpdateContext context, TState state);

    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => CreateState(parameters);

    /// <inheritdoc/>
    public sealed override void Update(UpdateContext context, TransformState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        switch (state)
        {
            case TState typed: Update(context, typed); break;
            case CompressedState stored: UpdateStored(context, stored); break;
            default: throw new ArgumentException($"{Name} needs its {typeof(TState).Name}, got {state.GetType().Name}", nameof(state));
        }
    }

    /// <summary>The update over moments stored in bf16 or int8, for a transform whose <c>Init</c> can make them.</summary>
    private protected virtual void UpdateStored(UpdateContext context, CompressedState state) =>
        throw new ArgumentException($"{Name} keeps no compressed state", nameof(state));
}
