using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// signSGD and Signum in one pass: (m ← βm + (1−β)g,) θ ← θ − η(sign(m or g) + λθ).
/// Reads g, (m,) θ and writes (m,) θ: 20 bytes per value with momentum, 12 without.
/// </summary>
internal sealed class SignKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    EmaMomentum? momentum, MomentumState? momentumState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float beta, step, decay;

    public override string Name => momentum is null ? "fused sign-sgd" : "fused signum";
    public override int BytesPerValue => momentum is null ? 12 : 20;

    protected override void Prepare()
    {
        if (momentumState is not null) momentumState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        beta = (float)(momentum?.Beta ?? 0);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        var m = momentumState is null ? default : momentumState.Momentum[index].AsSpan(from, to - from);
        int done = 0;
        if (UseVector512) done = Range<Lanes512, Vector512<float>>(p, g, m);
        else if (UseVector256) done = Range<Lanes256, Vector256<float>>(p, g, m);
        Range<ScalarLanes, float>(p[done..], g[done..], momentumState is null ? default : m[done..]);
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m) where L : ILanes<V> where V : struct
    {
        V b = L.Create(beta), rest = L.Create(1 - beta), eta = L.Create(step), lambda = L.Create(decay);
        bool hasMomentum = momentumState is not null;
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V source = L.Load(g, i);
            if (hasMomentum)
            {
                // Rounded exactly as ema_momentum rounds it, so the sign agrees with the unfused transform bit for bit.
                source = L.Add(L.Multiply(b, L.Load(m, i)), L.Multiply(rest, source));
                L.Store(source, m, i);
            }
            V pi = L.Load(p, i);
            L.Store(L.MultiplyAdd(eta, L.MultiplyAdd(lambda, pi, L.Sign(source)), pi), p, i);
        }
        return i;
    }
}
