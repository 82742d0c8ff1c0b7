namespace Steepest.Optimizers.Fused;

/// <summary>A transform with an element-wise fused form: adding one to the fused kernels is this interface and its form, not an edit of the compiler.</summary>
internal interface IFusable
{
    /// <summary>The fused form over <paramref name="state"/>, or null when this state has none; <paramref name="preceding"/> is the transform before it, which the form may absorb.</summary>
    FusedForm? Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState);
}
