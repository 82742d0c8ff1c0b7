using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_adagrad fused: the sum of squares in fp32, 20 bytes per value with θ and g.</summary>
internal sealed class AdagradForm(ScaleByAdagrad adagrad, AdagradState state) : FusedForm
{
    public override string Name(bool decayed) => "adagrad";
    public override int BytesPerValue => 20;
    public override void Prepare() => state.Count++;

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        FusedDriver.Apply(new FusedStep<AdagradDirection, TTail>(new((float)adagrad.Epsilon), tail), p, g, default, state.SumOfSquares[index].AsSpan(from, p.Length));
}
