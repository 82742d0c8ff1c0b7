using Steepest.Optimizers.Fused;
namespace Steepest.Optimizers.Transforms;

/// <summary>RMSProp's direction: v ← αv + (1−α)u², u ← u/(√v + ε).</summary>
public sealed class ScaleByRms(double alpha = 0.99, double epsilon = 1e-8) : GradientTransform<RmsState>, IFusable
{
    /// <summary>α, the decay of the squared-gradient average.</summary>
    public double Alpha { get; } = Hyperparameter.Decay(alpha, nameof(alpha));
    /// <summary>ε.</summary>
    public double Epsilon { get; } = Hyperparameter.Positive(epsilon, nameof(epsilon));
    /// <inheritdoc/>
    public override string Name => $"scale_by_rms({Alpha:G6}, {Epsilon:G3})";
    /// <inheritdoc/>
    protected override RmsState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, RmsState state)
    {
        float a = (float)Alpha, eps = (float)Epsilon;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], v = state.SquareAverage[i];
            for (int j = 0; j < u.Length; j++)
            {
                v[j] = Moments.EmaOfSquare(v[j], u[j], a);
                u[j] /= MathF.Sqrt(v[j]) + eps;
            }
        }
        state.Count++;
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        state is RmsState s ? new RmsForm(this, s) : null;
}
