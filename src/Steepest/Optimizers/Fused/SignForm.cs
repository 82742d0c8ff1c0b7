using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_sign fused, with the ema_momentum before it when there is one (Signum): 12 bytes per value, 20 with momentum.</summary>
internal sealed class SignForm(EmaMomentum? momentum, MomentumState? momentumState) : FusedForm
{
    public override int Absorbs => momentum is null ? 0 : 1;
    public override string Name(bool decayed) => momentum is null ? "sign-sgd" : "signum";
    public override int BytesPerValue => momentum is null ? 12 : 20;

    public override void Prepare()
    {
        if (momentumState is not null) momentumState.Count++;
    }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from)
    {
        if (momentumState is null) FusedDriver.Apply(new FusedStep<SignDirection, TTail>(default, tail), p, g, default, default);
        else FusedDriver.Apply(new FusedStep<SignumDirection, TTail>(new((float)momentum!.Beta), tail), p, g, momentumState.Momentum[index].AsSpan(from, p.Length), default);
    }
}
