using System.Numerics.Tensors;

namespace Steepest.Optimizers.Transforms;

/// <summary>u ← c·u.</summary>
public sealed class Scale(double factor) : GradientTransform
{
    /// <summary>c.</summary>
    public double Factor { get; } = Hyperparameter.Finite(factor, nameof(factor));
    /// <inheritdoc/>
    public override string Name => $"scale({Factor:G6})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => EmptyState.Instance;
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        foreach (var u in context.Updates) TensorPrimitives.Multiply(u, (float)Factor, u);
    }
}
