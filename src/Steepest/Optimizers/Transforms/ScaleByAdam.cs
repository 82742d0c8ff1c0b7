using Steepest.Optimizers.Fused;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Adam's direction (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)u, v ← β₂v + (1−β₂)u², then
/// u ← m̂/(√v̂ + ε) with the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ). With a <see cref="StatePrecision"/>
/// other than fp32, m and v are stored in bf16 or block-wise int8 between steps; each step computes in fp32 from the
/// stored values and rounds the new moments back (the update itself uses them before rounding).
/// </summary>
public sealed class ScaleByAdam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, StatePrecision precision = StatePrecision.Fp32) : GradientTransform<AdamState>, IFusable
{
    /// <summary>β₁.</summary>
    public double Beta1 { get; } = Hyperparameter.Decay(beta1, nameof(beta1));
    /// <summary>β₂.</summary>
    public double Beta2 { get; } = Hyperparameter.Decay(beta2, nameof(beta2));
    /// <summary>ε.</summary>
    public double Epsilon { get; } = Hyperparameter.Positive(epsilon, nameof(epsilon));
    /// <summary>How m and v are stored.</summary>
    public StatePrecision Precision { get; } = CompressedMoments.Check(precision);
    /// <inheritdoc/>
    public override string Name => $"scale_by_adam({Beta1:G6}, {Beta2:G6}, {Epsilon:G3}{(Precision == StatePrecision.Fp32 ? "" : ", " + Precision.Name())})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => Precision == StatePrecision.Fp32
        ? CreateState(parameters)
        : new CompressedState(parameters, Precision, ["m", "v"], [true, false]);
    /// <inheritdoc/>
    protected override AdamState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, AdamState state)
    {
        long t = ++state.Count;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float correction1 = (float)Moments.Bias(Beta1, t), correction2 = (float)Moments.Bias(Beta2, t);
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], m = state.Mu[i], v = state.Nu[i];
            for (int j = 0; j < u.Length; j++)
            {
                m[j] = Moments.Ema(m[j], u[j], b1);
                v[j] = Moments.EmaOfSquare(v[j], u[j], b2);
                u[j] = m[j] / correction1 / (MathF.Sqrt(v[j] / correction2) + eps);
            }
        }
    }

    /// <summary>
    /// A block at a time: the moments are read from their storage and rounded back to it, and u = m·c₁/(√v·c₂ + ε)
    /// with the inverse corrections (one division, as the fused fp32 kernel). The fused kernel matches it bit for bit.
    /// </summary>
    private protected override void UpdateStored(UpdateContext context, CompressedState s)
    {
        long t = ++s.Count;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        var (c1, c2) = Moments.InverseCorrections(Beta1, Beta2, t);
        Span<float> m = stackalloc float[MomentBuffer.BlockSize], v = stackalloc float[MomentBuffer.BlockSize];
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i];
            MomentBuffer mi = s.Moments[0][i], vi = s.Moments[1][i];
            for (int start = 0; start < u.Length; start += MomentBuffer.BlockSize)
            {
                int n = Math.Min(MomentBuffer.BlockSize, u.Length - start);
                mi.Load(start, m[..n]);
                vi.Load(start, v[..n]);
                for (int j = 0; j < n; j++)
                {
                    float g = u[start + j];
                    m[j] = Moments.Ema(m[j], g, b1);
                    v[j] = Moments.EmaOfSquare(v[j], g, b2);
                    u[start + j] = m[j] * c1 / (MathF.Sqrt(v[j]) * c2 + eps);
                }
                mi.Store(start, m[..n]);
                vi.Store(start, v[..n]);
            }
        }
    }

    /// <inheritdoc/>
    FusedForm? IFusable.Fuse(TransformState state, GradientTransform? preceding, TransformState? precedingState) =>
        state switch { AdamState s => new AdamForm(this, s), CompressedState s => new AdamForm(this, s), _ => null };
}
