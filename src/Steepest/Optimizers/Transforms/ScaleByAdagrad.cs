using Steepest.Optimizers.Fused;
namespace Steepest.Optimizers.Transforms;

/// <summary>Adagrad's direction (Duchi et al. 2011): s ← s + u², u ← u/(√s + ε).</summary>
public sealed class ScaleByAdagrad(double epsilon = 1e-10, double initialAccumulator = 0) : GradientTransform<AdagradState>, IFusable
{
    /// <summary>ε.</summary>
    public double Epsilon { get; } = Hyperparameter.Positive(epsilon, nameof(epsilon));
    /// <summary>s₀.</summary>
    public double InitialAccumulator { get; } = Hyperparameter.NonNegative(initialAccumulator, nameof(initialAccumulator));
    /// <inheritdoc/>
    public override string Name => $"scale_by_adagrad({Epsilon:G3})";
    /// <inheritdoc/>
    protected override AdagradState CreateState(IReadOnlyList<Parameter> parameters)
    {
        var state = new AdagradState(parameters);
        foreach (var buffer in state.SumOfSquares) Array.Fill(buffer, (float)InitialAccumulator);
        return state;
    }
    /// <inheritdoc/>
    public override void Update(UpdateContext context, AdagradState state)
    {
        float eps = (float)Epsilon;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], sum = state.SumOfSquares[i];
            for (int j = 0; j < u.Length; j++)
            {
                sum[j] += u[j] * u[j];
                u[j] /= MathF.Sqrt(sum[j]) + eps;
            }
        }
        state.Count++;
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        state is AdagradState s ? new AdagradForm(this, s) : null;
}
