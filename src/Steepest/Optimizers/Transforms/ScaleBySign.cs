using Steepest.Optimizers.Fused;
using Steepest.Optimizers.Precision;
namespace Steepest.Optimizers.Transforms;

/// <summary>u ← sign(u), with sign(0) = 0 (the ℓ∞ steepest direction without its ‖g‖₁ length).</summary>
public sealed class ScaleBySign : GradientTransform, IFusable
{
    /// <inheritdoc/>
    public override string Name => "scale_by_sign";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => EmptyState.Instance;
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        foreach (var u in context.Updates)
            for (int j = 0; j < u.Length; j++) u[j] = MathF.Sign(u[j]);
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        preceding is EmaMomentum { Nesterov: false } momentum
            ? precedingState switch
            {
                MomentumState s => new SignumForm(momentum, s),
                CompressedState s => new SignumForm(momentum, s),
                _ => new SignForm(),
            }
            : new SignForm();
}
