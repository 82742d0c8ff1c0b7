using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// SGD as PyTorch does it, in one pass: g' = g + λθ, m ← μm + g', θ ← θ − η·(Nesterov ? g' + μm : m);
/// without momentum θ ← θ − η·g'. Reads g, (m,) θ and writes (m,) θ: 20 bytes per value (12 without momentum).
/// </summary>
internal sealed class MomentumKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    double weightDecay, Trace? trace, MomentumState? traceState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float mu, step, decay;

    public override string Name => trace is null ? "fused sgd" : trace.Nesterov ? "fused nesterov" : "fused momentum";
    public override int BytesPerValue => trace is null ? 12 : 20;

    protected override void Prepare()
    {
        if (traceState is not null) traceState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        mu = (float)(trace?.Decay ?? 0);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var m = traceState is null ? default : traceState.Momentum[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, m);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, m);
        Range<ScalarLanes, float>(p[done..], g[done..], traceState is null ? default : m[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m) where L : ILanes<V> where V : struct
    {
        V momentum = L.Create(mu), eta = L.Create(step), lambda = L.Create(decay);
        bool hasMomentum = traceState is not null, nesterov = trace?.Nesterov == true;
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V pi = L.Load(p, i);
            V gi = L.MultiplyAdd(lambda, pi, L.Load(g, i));
            V direction = gi;
            if (hasMomentum)
            {
                V mi = L.MultiplyAdd(momentum, L.Load(m, i), gi);
                L.Store(mi, m, i);
                direction = nesterov ? L.MultiplyAdd(momentum, mi, gi) : mi;
            }
            L.Store(L.MultiplyAdd(eta, direction, pi), p, i);
        }
        return i;
    }
}
