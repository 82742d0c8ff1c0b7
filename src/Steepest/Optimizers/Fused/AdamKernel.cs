using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Adam / AdamW in one pass: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η(m̂/(√v̂ + ε) + λθ).
/// Reads g, m, v, θ and writes m, v, θ: 28 bytes per value in fp32.
/// </summary>
internal sealed class AdamKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdam adam, AdamState adamState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float b1, b2, eps, inverseCorrection1, inverseSqrtCorrection2, step, decay;

    public override string Name => weightDecay == 0 ? "fused adam" : "fused adamw";
    public override int BytesPerValue => 28;

    protected override void Prepare()
    {
        long t = ++adamState.Count;
        double eta = rate.Schedule.At(rateState.Count++);
        b1 = (float)adam.Beta1; b2 = (float)adam.Beta2; eps = (float)adam.Epsilon;
        // m̂/(√v̂ + ε) = (m/c₁)/(√v/√c₂ + ε).
        inverseCorrection1 = (float)(1 / (1 - Math.Pow(adam.Beta1, t)));
        inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(1 - Math.Pow(adam.Beta2, t)));
        step = (float)-eta;
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var m = adamState.Mu[index].AsSpan(from, to - from);
        var v = adamState.Nu[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, m, v);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, m, v);
        Range<ScalarLanes, float>(p[done..], g[done..], m[done..], v[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v) where L : ILanes<V> where V : struct
    {
        V beta1 = L.Create(b1), rest1 = L.Create(1 - b1), beta2 = L.Create(b2), rest2 = L.Create(1 - b2), epsilon = L.Create(eps);
        V c1 = L.Create(inverseCorrection1), c2 = L.Create(inverseSqrtCorrection2), eta = L.Create(step), lambda = L.Create(decay);
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V gi = L.Load(g, i);
            V mi = L.MultiplyAdd(beta1, L.Load(m, i), L.Multiply(rest1, gi));
            V vi = L.MultiplyAdd(beta2, L.Load(v, i), L.Multiply(rest2, L.Multiply(gi, gi)));
            L.Store(mi, m, i);
            L.Store(vi, v, i);
            V pi = L.Load(p, i);
            V direction = L.Divide(L.Multiply(mi, c1), L.Add(L.Multiply(L.Sqrt(vi), c2), epsilon));
            L.Store(L.MultiplyAdd(eta, L.MultiplyAdd(lambda, pi, direction), pi), p, i);
        }
        return i;
    }
}
