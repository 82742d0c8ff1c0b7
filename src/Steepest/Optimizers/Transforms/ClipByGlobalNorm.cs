using System.Numerics.Tensors;

namespace Steepest.Optimizers.Transforms;

/// <summary>If ‖u‖₂ over all parameters exceeds c, u ← u·c/‖u‖₂ (the norm is accumulated in double).</summary>
public sealed class ClipByGlobalNorm(double maxNorm) : GradientTransform
{
    /// <summary>c.</summary>
    public double MaxNorm { get; } = Hyperparameter.Positive(maxNorm, nameof(maxNorm));
    /// <inheritdoc/>
    public override string Name => $"clip_by_global_norm({MaxNorm:G6})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => EmptyState.Instance;
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        double squares = 0;
        foreach (var u in context.Updates)
            foreach (float value in u) squares += (double)value * value;
        double norm = Math.Sqrt(squares);
        if (!(norm > MaxNorm)) return;
        float factor = (float)(MaxNorm / norm);
        foreach (var u in context.Updates) TensorPrimitives.Multiply(u, factor, u);
    }
}
