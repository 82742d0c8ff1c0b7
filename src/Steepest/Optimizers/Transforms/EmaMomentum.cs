using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Momentum as an exponential moving average: m ← β·m + (1 − β)·u, then u ← m, or with Nesterov
/// u ← (1 − β)·u + β·m (Signum, and Muon's momentum).
/// </summary>
public sealed class EmaMomentum(double beta, bool nesterov = false, StatePrecision precision = StatePrecision.Fp32) : GradientTransform<MomentumState>
{
    /// <summary>β.</summary>
    public double Beta { get; } = Hyperparameter.Decay(beta, nameof(beta));
    /// <summary>Nesterov look-ahead.</summary>
    public bool Nesterov { get; } = nesterov;
    /// <summary>How the momentum is stored.</summary>
    public StatePrecision Precision { get; } = CompressedMoments.Check(precision);
    /// <inheritdoc/>
    public override string Name => $"ema_momentum({Beta:G6}{(Nesterov ? ", nesterov" : "")}{CompressedMoments.Suffix(Precision)})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => CompressedMoments.Init(parameters, Precision);
    /// <inheritdoc/>
    protected override MomentumState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, MomentumState state)
    {
        float beta = (float)Beta, rest = 1 - beta;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = state.Momentum[i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = Moments.Ema(m[j], u[j], beta);
                u[j] = Nesterov ? rest * u[j] + beta * m[j] : m[j];
            }
        }
        state.Count++;
    }

    private protected override void UpdateStored(UpdateContext context, CompressedState state)
    {
        float beta = (float)Beta, rest = 1 - beta;
        CompressedMoments.Apply(context, state, new Rule(beta, rest, Nesterov));
        state.Count++;
    }

    private readonly struct Rule(float beta, float rest, bool nesterov) : IMomentRule
    {
        public void Apply(ref float m, ref float u)
        {
            m = Moments.Ema(m, u, beta);
            u = nesterov ? rest * u + beta * m : m;
        }
    }
}
