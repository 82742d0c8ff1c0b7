namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_sign fused, alone (sign-SGD): 12 bytes per value. With the ema_momentum before it, see <see cref="SignumForm"/>.</summary>
internal sealed class SignForm : FusedForm
{
    public override string Name(bool decayed) => "sign-sgd";
    public override int BytesPerValue => 12;

    public override void Prepare() { }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        FusedDriver.Apply(new FusedStep<SignDirection, TTail>(default, tail), p, g, default, default);
}
