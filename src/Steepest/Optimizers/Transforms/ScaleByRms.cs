namespace Steepest.Optimizers.Transforms;

/// <summary>RMSProp's direction: v ← αv + (1−α)u², u ← u/(√v + ε).</summary>
public sealed class ScaleByRms(double alpha = 0.99, double epsilon = 1e-8) : GradientTransform
{
    /// <summary>α, the decay of the squared-gradient average.</summary>
    public double Alpha { get; } = Hyperparameter.Decay(alpha, nameof(alpha));
    /// <summary>ε.</summary>
    public double Epsilon { get; } = Hyperparameter.Positive(epsilon, nameof(epsilon));
    /// <inheritdoc/>
    public override string Name => $"scale_by_rms({Alpha:G6}, {Epsilon:G3})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters, "square_avg");
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        float a = (float)Alpha, eps = (float)Epsilon;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], v = s.Slots[0][i];
            for (int j = 0; j < u.Length; j++)
            {
                v[j] = a * v[j] + (1 - a) * u[j] * u[j];
                u[j] /= MathF.Sqrt(v[j]) + eps;
            }
        }
        s.Count++;
    }
}
