namespace Steepest.Optimizers;

/// <summary>
/// Momentum as an exponential moving average: m ← β·m + (1 − β)·u, then u ← m, or with Nesterov
/// u ← (1 − β)·u + β·m (Signum, and Muon's momentum).
/// </summary>
public sealed class EmaMomentum(double beta, bool nesterov = false) : GradientTransform
{
    /// <summary>β.</summary>
    public double Beta { get; } = Hyperparameter.Decay(beta, nameof(beta));
    /// <summary>Nesterov look-ahead.</summary>
    public bool Nesterov { get; } = nesterov;
    /// <inheritdoc/>
    public override string Name => $"ema_momentum({Beta:G6}{(Nesterov ? ", nesterov" : "")})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters, "momentum");
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        float beta = (float)Beta, rest = 1 - beta;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = s.Slots[0][i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = beta * m[j] + rest * u[j];
                u[j] = Nesterov ? rest * u[j] + beta * m[j] : m[j];
            }
        }
        s.Count++;
    }
}
