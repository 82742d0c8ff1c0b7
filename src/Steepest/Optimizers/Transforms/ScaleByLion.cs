using Steepest.Optimizers.Fused;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Transforms;

/// <summary>Lion's direction (Chen et al. 2023): u ← sign(β₁m + (1−β₁)u), then m ← β₂m + (1−β₂)g.</summary>
public sealed class ScaleByLion(double beta1 = 0.9, double beta2 = 0.99, StatePrecision precision = StatePrecision.Fp32) : GradientTransform<MomentumState>, IFusable
{
    /// <summary>β₁ (interpolation for the update).</summary>
    public double Beta1 { get; } = Hyperparameter.Decay(beta1, nameof(beta1));
    /// <summary>β₂ (momentum decay).</summary>
    public double Beta2 { get; } = Hyperparameter.Decay(beta2, nameof(beta2));
    /// <summary>How the momentum is stored.</summary>
    public StatePrecision Precision { get; } = CompressedMoments.Check(precision);
    /// <inheritdoc/>
    public override string Name => $"scale_by_lion({Beta1:G6}, {Beta2:G6}{CompressedMoments.Suffix(Precision)})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => CompressedMoments.Init(parameters, Precision);
    /// <inheritdoc/>
    protected override MomentumState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, MomentumState state)
    {
        float b1 = (float)Beta1, b2 = (float)Beta2;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = state.Momentum[i];
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                u[j] = MathF.Sign(Moments.Ema(m[j], g, b1));
                m[j] = Moments.Ema(m[j], g, b2);
            }
        }
        state.Count++;
    }

    private protected override void UpdateStored(UpdateContext context, CompressedState state)
    {
        CompressedMoments.Apply(context, state, new Rule((float)Beta1, (float)Beta2));
        state.Count++;
    }

    private readonly struct Rule(float b1, float b2) : IMomentRule
    {
        public void Apply(ref float m, ref float u)
        {
            float g = u;
            u = MathF.Sign(Moments.Ema(m, g, b1));
            m = Moments.Ema(m, g, b2);
        }
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        state switch { MomentumState s => new LionForm(this, s), CompressedState s => new LionForm(this, s), _ => null };
}
