namespace Steepest.Optimizers;

/// <summary>
/// Adam's direction (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)u, v ← β₂v + (1−β₂)u², then
/// u ← m̂/(√v̂ + ε) with the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
/// </summary>
public sealed class ScaleByAdam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : GradientTransform
{
    /// <summary>β₁.</summary>
    public double Beta1 { get; } = Hyperparameter.Decay(beta1, nameof(beta1));
    /// <summary>β₂.</summary>
    public double Beta2 { get; } = Hyperparameter.Decay(beta2, nameof(beta2));
    /// <summary>ε.</summary>
    public double Epsilon { get; } = Hyperparameter.Positive(epsilon, nameof(epsilon));
    /// <inheritdoc/>
    public override string Name => $"scale_by_adam({Beta1:G6}, {Beta2:G6}, {Epsilon:G3})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters, "m", "v");
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        long t = ++s.Count;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float correction1 = (float)(1 - Math.Pow(Beta1, t)), correction2 = (float)(1 - Math.Pow(Beta2, t));
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = s.Slots[0][i], v = s.Slots[1][i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = b1 * m[j] + (1 - b1) * u[j];
                v[j] = b2 * v[j] + (1 - b2) * u[j] * u[j];
                u[j] = m[j] / correction1 / (MathF.Sqrt(v[j] / correction2) + eps);
            }
        }
    }
}
