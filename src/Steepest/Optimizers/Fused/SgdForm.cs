namespace Steepest.Optimizers.Fused;

/// <summary>No fusable direction: the decay and the learning rate alone, θ ← θ − η(u + λθ); 12 bytes per value.</summary>
internal sealed class SgdForm : FusedForm
{
    public override string Name(bool decayed) => "sgd";
    public override int BytesPerValue => 12;
    public override void Prepare() { }

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        FusedDriver.Apply(new FusedStep<IdentityDirection, TTail>(default, tail), p, g, default, default);
}
