using System.Numerics.Tensors;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// u ← u + λ·θ. Placed after a direction transform and before the learning rate, it is decoupled weight decay
/// (AdamW: θ ← θ − η(direction + λθ)); placed first, it is classic L2 regularization of the gradient.
/// </summary>
public sealed class AddDecayedWeights(double weightDecay) : GradientTransform
{
    /// <summary>λ.</summary>
    public double WeightDecay { get; } = Hyperparameter.NonNegative(weightDecay, nameof(weightDecay));
    /// <inheritdoc/>
    public override string Name => $"add_decayed_weights({WeightDecay:G6})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => EmptyState.Instance;
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        if (WeightDecay == 0) return;
        for (int i = 0; i < context.Updates.Count; i++)
            TensorPrimitives.MultiplyAdd(context.Parameters[i].Value, (float)WeightDecay, context.Updates[i], context.Updates[i]);
    }
}
