namespace Steepest.Optimizers;

/// <summary>
/// Heavy-ball momentum as PyTorch's SGD does it: m ← μ·m + u, then u ← m (or u ← u + μ·m with Nesterov).
/// </summary>
public sealed class Trace(double decay, bool nesterov = false) : GradientTransform
{
    /// <summary>μ.</summary>
    public double Decay { get; } = Hyperparameter.Decay(decay, nameof(decay));
    /// <summary>Nesterov look-ahead.</summary>
    public bool Nesterov { get; } = nesterov;
    /// <inheritdoc/>
    public override string Name => $"trace({Decay:G6}{(Nesterov ? ", nesterov" : "")})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters, "momentum");
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        float mu = (float)Decay;
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
}
