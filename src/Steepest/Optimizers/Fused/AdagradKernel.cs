using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>Adagrad in one pass: s ← s + g², θ ← θ − η·g/(√s + ε). Reads g, s, θ and writes s, θ: 20 bytes per value.</summary>
internal sealed class AdagradKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdagrad adagrad, AdagradState adagradState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float eps, step;

    public override string Name => "fused adagrad";
    public override int BytesPerValue => 20;

    protected override void Prepare()
    {
        adagradState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        eps = (float)adagrad.Epsilon;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var s = adagradState.SumOfSquares[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, s);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, s);
        Range<ScalarLanes, float>(p[done..], g[done..], s[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> s) where L : ILanes<V> where V : struct
    {
        V epsilon = L.Create(eps), eta = L.Create(step);
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V gi = L.Load(g, i);
            V si = L.MultiplyAdd(gi, gi, L.Load(s, i));
            L.Store(si, s, i);
            L.Store(L.MultiplyAdd(eta, L.Divide(gi, L.Add(L.Sqrt(si), epsilon)), L.Load(p, i)), p, i);
        }
        return i;
    }
}
