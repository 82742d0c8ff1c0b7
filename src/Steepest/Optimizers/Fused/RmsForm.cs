using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_rms fused: v in fp32, 20 bytes per value with θ and g.</summary>
internal sealed class RmsForm(ScaleByRms rms, RmsState state) : FusedForm
{
    public override string Name(bool decayed) => "rmsprop";
    public override int BytesPerValue => 20;
    public override void Prepare() => state.Count++;

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        FusedDriver.Apply(new FusedStep<RmsDirection, TTail>(new((float)rms.Alpha, (float)rms.Epsilon), tail), p, g, default, state.SquareAverage[index].AsSpan(from, p.Length));
}
