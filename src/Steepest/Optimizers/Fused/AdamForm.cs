using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// scale_by_adam fused: m and v in fp32 (28 bytes per value with θ and g), or stored in bf16 (20) or block-wise int8
/// (16, plus 8 bytes of scales per 256 values) with the unfused chain's rounding.
/// </summary>
internal sealed class AdamForm : FusedForm
{
    private readonly ScaleByAdam adam;
    private readonly AdamState? fp32;
    private readonly CompressedState? stored;
    private float c1, c2;

    public AdamForm(ScaleByAdam adam, AdamState state) { this.adam = adam; fp32 = state; }

    public AdamForm(ScaleByAdam adam, CompressedState state) { this.adam = adam; stored = state; }

    public override bool Rounded => stored is not null;
    public override int Alignment => stored is null ? 1 : MomentBuffer.BlockSize;
    public override string Name(bool decayed) => (decayed ? "adamw" : "adam") + (stored is null ? "" : $" ({stored.Precision.Name()} state)");
    public override int BytesPerValue => stored is null ? 28 : stored.Precision == StatePrecision.Int8 ? 16 : 20;

    public override void Prepare()
    {
        long t = stored is null ? ++fp32!.Count : ++stored.Count;
        // m̂/(√v̂ + ε) = (m·c₁)/(√v·c₂ + ε) with the inverse corrections c.
        (c1, c2) = Moments.InverseCorrections(adam.Beta1, adam.Beta2, t);
    }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from)
    {
        float b1 = (float)adam.Beta1, b2 = (float)adam.Beta2, eps = (float)adam.Epsilon;
        if (stored is null)
            FusedDriver.Apply(new FusedStep<AdamDirection, TTail>(new(b1, b2, eps, c1, c2), tail), p, g,
                fp32!.Mu[index].AsSpan(from, p.Length), fp32.Nu[index].AsSpan(from, p.Length));
        else
            FusedDriver.Apply(new FusedStep<RoundedAdamDirection, TTail>(new(b1, b2, eps, c1, c2), tail), p, g,
                stored.Moments[0][index], stored.Moments[1][index], from);
    }
}
