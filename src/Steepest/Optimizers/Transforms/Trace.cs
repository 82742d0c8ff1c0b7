using Steepest.Optimizers.Fused;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Heavy-ball momentum as PyTorch's SGD does it: m ← μ·m + u, then u ← m (or u ← u + μ·m with Nesterov).
/// </summary>
public sealed class Trace(double decay, bool nesterov = false, StatePrecision precision = StatePrecision.Fp32) : GradientTransform<MomentumState>, IFusable
{
    /// <summary>μ.</summary>
    public double Decay { get; } = Hyperparameter.Decay(decay, nameof(decay));
    /// <summary>Nesterov look-ahead.</summary>
    public bool Nesterov { get; } = nesterov;
    /// <summary>How the momentum is stored.</summary>
    public StatePrecision Precision { get; } = CompressedMoments.Check(precision);
    /// <inheritdoc/>
    public override string Name => $"trace({Decay:G6}{(Nesterov ? ", nesterov" : "")}{CompressedMoments.Suffix(Precision)})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => CompressedMoments.Init(parameters, Precision);
    /// <inheritdoc/>
    protected override MomentumState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, MomentumState state)
    {
        float mu = (float)Decay;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = state.Momentum[i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = mu * m[j] + u[j];
                u[j] = Nesterov ? u[j] + mu * m[j] : m[j];
            }
        }
        state.Count++;
    }

    private protected override void UpdateStored(UpdateContext context, CompressedState state)
    {
        CompressedMoments.Apply(context, state, new Rule((float)Decay, Nesterov));
        state.Count++;
    }

    private readonly struct Rule(float mu, bool nesterov) : IMomentRule
    {
        public void Apply(ref float m, ref float u)
        {
            m = mu * m + u;
            u = nesterov ? u + mu * m : m;
        }
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        state switch { MomentumState s => new TraceForm(this, s), CompressedState s => new TraceForm(this, s), _ => null };
}
