using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// scale_by_sign fused with the ema_momentum before it (Signum): the momentum in fp32, or stored in bf16 or int8 and
/// then rounded as the unfused chain rounds it.
/// </summary>
internal sealed class SignumForm : MomentForm
{
    private readonly EmaMomentum momentum;

    public SignumForm(EmaMomentum momentum, MomentumState state) : base(state) => this.momentum = momentum;

    public SignumForm(EmaMomentum momentum, CompressedState state) : base(state) => this.momentum = momentum;

    public override int Absorbs => 1;
    public override string Name(bool decayed) => "signum" + Suffix;

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        Run(new FusedStep<SignumDirection, TTail>(new((float)momentum.Beta), tail), p, g, index, from);
}
