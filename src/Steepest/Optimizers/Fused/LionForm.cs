using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>scale_by_lion fused, with the decoupled decay after it.</summary>
internal sealed class LionForm : MomentForm
{
    private readonly ScaleByLion lion;

    public LionForm(ScaleByLion lion, MomentumState state) : base(state) => this.lion = lion;

    public LionForm(ScaleByLion lion, CompressedState state) : base(state) => this.lion = lion;

    public override string Name(bool decayed) => "lion" + Suffix;

    public override void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) =>
        Run(new FusedStep<LionDirection, TTail>(new((float)lion.Beta1, (float)lion.Beta2), tail), p, g, index, from);
}
