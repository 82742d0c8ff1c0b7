using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Lion in one pass: c = β₁m + (1−β₁)g, θ ← θ − η(sign(c) + λθ), m ← β₂m + (1−β₂)g.
/// Reads g, m, θ and writes m, θ: 20 bytes per value.
/// </summary>
internal sealed class LionKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByLion lion, MomentumState lionState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float b1, b2, step, decay;

    public override string Name => "fused lion";
    public override int BytesPerValue => 20;

    protected override void Prepare()
    {
        lionState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        b1 = (float)lion.Beta1; b2 = (float)lion.Beta2; decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to) => Apply(
        new Rule(b1, b2, step, decay),
        Parameters[index].Value.AsSpan(from, to - from), Sources[index].AsSpan(from, to - from), lionState.Momentum[index].AsSpan(from, to - from), default);

    /// <summary>θ ← θ − η(sign(β₁m + (1−β₁)g) + λθ), then m ← β₂m + (1−β₂)g.</summary>
    private readonly struct Rule(float b1, float b2, float step, float decay) : IFusedRule
    {
        public static bool UsesM => true;
        public static bool UsesV => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            // No FMA in the sign's argument or the momentum: rounded exactly as scale_by_lion rounds them, so fused and
            // unfused runs take the same side of every near-tie and their sign decisions agree bit for bit.
            V direction = L.Sign(L.Add(L.Multiply(L.Create(b1), m), L.Multiply(L.Create(1 - b1), g)));
            p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, direction), p);
            m = L.Add(L.Multiply(L.Create(b2), m), L.Multiply(L.Create(1 - b2), g));
        }
    }
}
