using System.Runtime.Intrinsics;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Adam / AdamW over bf16 or block-wise int8 moments in one pass: per block of 256 values it reads the stored m and
/// v, updates them and θ in registers, and rounds the moments back. Its arithmetic is the unfused chain's,
/// operation for operation and without fused multiply-adds (scale_by_adam, then θ·λ + u, then u·(−η), then θ + u),
/// so fused and unfused steps agree bit for bit. Traffic per value: θ read and written, g read, and the moments'
/// storage read and written: 16 bytes with int8 (plus 8 bytes of scales per 256 values) and 20 with bf16.
/// </summary>
internal sealed class CompressedAdamKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdam adam, CompressedState adamState, double weightDecay, ScaleByLearningRate rate, PerParameterState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float b1, b2, eps, correction1, correction2, factor, decay;

    public override string Name => $"fused {(weightDecay == 0 ? "adam" : "adamw")} ({adamState.Precision.Name()} state)";
    public override int BytesPerValue => adamState.Precision == StatePrecision.Int8 ? 16 : 20;
    protected override int Alignment => MomentBuffer.BlockSize;

    protected override void Prepare()
    {
        long t = ++adamState.Count;
        b1 = (float)adam.Beta1; b2 = (float)adam.Beta2; eps = (float)adam.Epsilon;
        correction1 = (float)(1 - Math.Pow(adam.Beta1, t));
        correction2 = (float)(1 - Math.Pow(adam.Beta2, t));
        factor = (float)-rate.Schedule.At(rateState.Count++);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        Span<float> m = stackalloc float[MomentBuffer.BlockSize], v = stackalloc float[MomentBuffer.BlockSize];
        MomentBuffer mi = adamState.Moments[0][index], vi = adamState.Moments[1][index];
        float[] p = Parameters[index].Value, g = Sources[index];
        for (int start = from; start < to; start += MomentBuffer.BlockSize)
        {
            int n = Math.Min(MomentBuffer.BlockSize, to - start);
            mi.Load(start, m[..n]);
            vi.Load(start, v[..n]);
            Span<float> pb = p.AsSpan(start, n);
            ReadOnlySpan<float> gb = g.AsSpan(start, n);
            int done = 0;
            if (UseVector512) done = Range<Lanes512, Vector512<float>>(pb, gb, m[..n], v[..n]);
            else if (UseVector256) done = Range<Lanes256, Vector256<float>>(pb, gb, m[..n], v[..n]);
            Range<ScalarLanes, float>(pb[done..], gb[done..], m[done..n], v[done..n]);
            mi.Store(start, m[..n]);
            vi.Store(start, v[..n]);
        }
    }

    private int Range<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v) where L : ILanes<V> where V : struct
    {
        V beta1 = L.Create(b1), rest1 = L.Create(1 - b1), beta2 = L.Create(b2), rest2 = L.Create(1 - b2), epsilon = L.Create(eps);
        V c1 = L.Create(correction1), c2 = L.Create(correction2), eta = L.Create(factor), lambda = L.Create(decay);
        bool decayed = decay != 0;
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V gi = L.Load(g, i);
            V mi = L.Add(L.Multiply(beta1, L.Load(m, i)), L.Multiply(rest1, gi));
            V vi = L.Add(L.Multiply(beta2, L.Load(v, i)), L.Multiply(L.Multiply(rest2, gi), gi));
            L.Store(mi, m, i);
            L.Store(vi, v, i);
            V u = L.Divide(L.Divide(mi, c1), L.Add(L.Sqrt(L.Divide(vi, c2)), epsilon));
            V pi = L.Load(p, i);
            if (decayed) u = L.Add(L.Multiply(pi, lambda), u);
            L.Store(L.Add(pi, L.Multiply(u, eta)), p, i);
        }
        return i;
    }
}
