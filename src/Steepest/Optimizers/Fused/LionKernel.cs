using System.Runtime.Intrinsics;
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

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var m = lionState.Momentum[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, m);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, m);
        Range<ScalarLanes, float>(p[done..], g[done..], m[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m) where L : ILanes<V> where V : struct
    {
        V beta1 = L.Create(b1), rest1 = L.Create(1 - b1), beta2 = L.Create(b2), rest2 = L.Create(1 - b2), eta = L.Create(step), lambda = L.Create(decay);
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V gi = L.Load(g, i), mi = L.Load(m, i), pi = L.Load(p, i);
            // No FMA in the sign's argument or the momentum: rounded exactly as scale_by_lion rounds them, so fused and
            // unfused runs take the same side of every near-tie and their sign decisions agree bit for bit.
            V direction = L.Sign(L.Add(L.Multiply(beta1, mi), L.Multiply(rest1, gi)));
            L.Store(L.MultiplyAdd(eta, L.MultiplyAdd(lambda, pi, direction), pi), p, i);
            L.Store(L.Add(L.Multiply(beta2, mi), L.Multiply(rest2, gi)), m, i);
        }
        return i;
    }
}
