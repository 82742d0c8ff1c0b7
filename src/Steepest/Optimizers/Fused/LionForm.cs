using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_lion fused: m in fp32 (20 bytes per value with θ and g), bf16 (16) or block-wise int8 (14).</summary>
internal sealed class LionForm : FusedForm
{
    private readonly ScaleByLion lion;
    private readonly MomentumState? fp32;
    private readonly CompressedState? stored;

    public LionForm(ScaleByLion lion, MomentumState state) { this.lion = lion; fp32 = state; }

    public LionForm(ScaleByLion lion, CompressedState state) { this.lion = lion; stored = state; }

    public override bool Rounded => stored is not null;
    public override int Alignment => stored is null ? 1 : MomentBuffer.BlockSize;
    public override string Name(bool decayed) => "lion" + (stored is null ? "" : $" ({stored.Precision.Name()} state)");
    public override int BytesPerValue => stored is null ? 20 : stored.Precision == StatePrecision.Int8 ? 14 : 16;

    public override void Prepare()
    {
        if (stored is null) fp32!.Count++;
        else stored.Count++;
    }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from)
    {
        var step = new FusedStep<LionDirection, TTail>(new((float)lion.Beta1, (float)lion.Beta2), tail);
        if (stored is null) FusedDriver.Apply(step, p, g, fp32!.Momentum[index].AsSpan(from, p.Length), default);
        else FusedDriver.Apply(step, p, g, stored.Moments[0][index], null, from);
    }
}
