using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>RMSProp in one pass: v ← αv + (1−α)g², θ ← θ − η·g/(√v + ε). Reads g, v, θ and writes v, θ: 20 bytes per value.</summary>
internal sealed class RmsPropKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByRms rms, RmsState rmsState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float alpha, eps, step;

    public override string Name => "fused rmsprop";
    public override int BytesPerValue => 20;

    protected override void Prepare()
    {
        rmsState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        alpha = (float)rms.Alpha; eps = (float)rms.Epsilon;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var v = rmsState.SquareAverage[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, v);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, v);
        Range<ScalarLanes, float>(p[done..], g[done..], v[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> v) where L : ILanes<V> where V : struct
    {
        V a = L.Create(alpha), rest = L.Create(1 - alpha), epsilon = L.Create(eps), eta = L.Create(step);
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V gi = L.Load(g, i);
            V vi = L.MultiplyAdd(a, L.Load(v, i), L.Multiply(rest, L.Multiply(gi, gi)));
            L.Store(vi, v, i);
            L.Store(L.MultiplyAdd(eta, L.Divide(gi, L.Add(L.Sqrt(vi), epsilon)), L.Load(p, i)), p, i);
        }
        return i;
    }
}
