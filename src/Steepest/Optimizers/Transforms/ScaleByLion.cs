namespace Steepest.Optimizers;

/// <summary>Lion's direction (Chen et al. 2023): u ← sign(β₁m + (1−β₁)u), then m ← β₂m + (1−β₂)g.</summary>
public sealed class ScaleByLion(double beta1 = 0.9, double beta2 = 0.99) : GradientTransform
{
    /// <summary>β₁ (interpolation for the update).</summary>
    public double Beta1 { get; } = Hyperparameter.Decay(beta1, nameof(beta1));
    /// <summary>β₂ (momentum decay).</summary>
    public double Beta2 { get; } = Hyperparameter.Decay(beta2, nameof(beta2));
    /// <inheritdoc/>
    public override string Name => $"scale_by_lion({Beta1:G6}, {Beta2:G6})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters, "momentum");
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        float b1 = (float)Beta1, b2 = (float)Beta2;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = s.Slots[0][i];
            for (int j = 0; j < u.Length; j++)
            {
                float g = u[j];
                u[j] = MathF.Sign(b1 * m[j] + (1 - b1) * g);
                m[j] = b2 * m[j] + (1 - b2) * g;
            }
        }
        s.Count++;
    }
}
