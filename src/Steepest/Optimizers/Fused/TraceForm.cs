using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>trace (heavy-ball or Nesterov momentum) fused with the weight decay before it, as PyTorch's SGD.</summary>
internal sealed class TraceForm : MomentForm
{
    private readonly Trace trace;

    public TraceForm(Trace trace, MomentumState state) : base(state) => this.trace = trace;

    public TraceForm(Trace trace, CompressedState state) : base(state) => this.trace = trace;

    public override bool CouplesDecay => true;
    public override string Name(bool decayed) => (trace.Nesterov ? "nesterov" : "momentum") + Suffix;

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from)
    {
        float mu = (float)trace.Decay;
        if (Stored is null) Run(new FusedStep<HeavyBallDirection, TTail>(new(mu, trace.Nesterov), tail), p, g, index, from);
        else Run(new FusedStep<RoundedHeavyBallDirection, TTail>(new(mu, trace.Nesterov), tail), p, g, index, from);
    }
}
