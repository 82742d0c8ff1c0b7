using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// trace (heavy-ball or Nesterov momentum) fused with the weight decay before it, as PyTorch's SGD: m in fp32
/// (20 bytes per value with θ and g), bf16 (16) or block-wise int8 (14).
/// </summary>
internal sealed class TraceForm : FusedForm
{
    private readonly Trace trace;
    private readonly MomentumState? fp32;
    private readonly CompressedState? stored;

    public TraceForm(Trace trace, MomentumState state) { this.trace = trace; fp32 = state; }

    public TraceForm(Trace trace, CompressedState state) { this.trace = trace; stored = state; }

    public override bool CouplesDecay => true;
    public override bool Rounded => stored is not null;
    public override int Alignment => stored is null ? 1 : MomentBuffer.BlockSize;
    public override string Name(bool decayed) => (trace.Nesterov ? "nesterov" : "momentum") + (stored is null ? "" : $" ({stored.Precision.Name()} state)");
    public override int BytesPerValue => stored is null ? 20 : stored.Precision == StatePrecision.Int8 ? 14 : 16;

    public override void Prepare()
    {
        if (stored is null) fp32!.Count++;
        else stored.Count++;
    }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from)
    {
        float mu = (float)trace.Decay;
        if (stored is null)
            FusedDriver.Apply(new FusedStep<HeavyBallDirection, TTail>(new(mu, trace.Nesterov), tail), p, g, fp32!.Momentum[index].AsSpan(from, p.Length), default);
        else
            FusedDriver.Apply(new FusedStep<RoundedHeavyBallDirection, TTail>(new(mu, trace.Nesterov), tail), p, g, stored.Moments[0][index], null, from);
    }
}
