using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Heavy-ball momentum as PyTorch's SGD does it: m ← μ·m + u, then u ← m (or u ← u + μ·m with Nesterov).
/// </summary>
public sealed class Trace(double decay, bool nesterov = false, StatePrecision precision = StatePrecision.Fp32) : GradientTransform
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
    public override void Update(UpdateContext context, TransformState state)
    {
        float mu = (float)Decay;
        if (state is CompressedState compressed)
        {
            CompressedMoments.Apply(context, compressed, new Rule(mu, Nesterov));
            compressed.Count++;
            return;
        }
        var s = (PerParameterState)state;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = s.Slots[0][i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = mu * m[j] + u[j];
                u[j] = Nesterov ? u[j] + mu * m[j] : m[j];
            }
        }
        s.Count++;
    }

    private readonly struct Rule(float mu, bool nesterov) : IMomentRule
    {
        public void Apply(ref float m, ref float u)
        {
            m = mu * m + u;
            u = nesterov ? u + mu * m : m;
        }
    }
}
