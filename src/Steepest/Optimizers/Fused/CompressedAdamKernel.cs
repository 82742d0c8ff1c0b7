using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Adam / AdamW over bf16 or block-wise int8 moments in one pass. bf16 moments are widened and rounded in registers;
/// int8 moments are dequantized a block of 256 at a time, updated, and requantized with the block's new absmax. Its
/// arithmetic is the unfused chain's, operation for operation and without fused multiply-adds (m, v, then
/// u = m·c₁/(√v·c₂ + ε), then θ·λ + u, then u·(−η), then θ + u), so fused and unfused steps agree bit for bit.
/// Traffic per value: θ read and written, g read, and the moments' storage read and written: 16 bytes with int8
/// (plus 8 bytes of scales per 256 values) and 20 with bf16.
/// </summary>
internal sealed class CompressedAdamKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdam adam, CompressedState adamState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float b1, b2, eps, inverseCorrection1, inverseSqrtCorrection2, factor, decay;

    public override string Name => $"fused {(weightDecay == 0 ? "adam" : "adamw")} ({adamState.Precision.Name()} state)";
    public override int BytesPerValue => adamState.Precision == StatePrecision.Int8 ? 16 : 20;
    protected override int Alignment => MomentBuffer.BlockSize;

    protected override void Prepare()
    {
        long t = ++adamState.Count;
        b1 = (float)adam.Beta1; b2 = (float)adam.Beta2; eps = (float)adam.Epsilon;
        (inverseCorrection1, inverseSqrtCorrection2) = Moments.InverseCorrections(adam.Beta1, adam.Beta2, t);
        factor = (float)-rate.Schedule.At(rateState.Count++);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        MomentBuffer mi = adamState.Moments[0][index], vi = adamState.Moments[1][index];
        Span<float> p = Parameters[index].Value.AsSpan(from, to - from);
        ReadOnlySpan<float> g = Sources[index].AsSpan(from, to - from);
        if (mi is Bf16Moment mh && vi is Bf16Moment vh)
        {
            Span<ushort> m16 = MemoryMarshal.Cast<byte, ushort>(mh.Halves.AsSpan()).Slice(from, to - from);
            Span<ushort> v16 = MemoryMarshal.Cast<byte, ushort>(vh.Halves.AsSpan()).Slice(from, to - from);
            int done = 0;
            if (UseVector512) done = Halves<Lanes512, Vector512<float>>(p, g, m16, v16);
            else if (UseVector256) done = Halves<Lanes256, Vector256<float>>(p, g, m16, v16);
            Halves<ScalarLanes, float>(p[done..], g[done..], m16[done..], v16[done..]);
            return;
        }
        Span<float> m = stackalloc float[MomentBuffer.BlockSize], v = stackalloc float[MomentBuffer.BlockSize];
        for (int start = 0; start < p.Length; start += MomentBuffer.BlockSize)
        {
            int n = Math.Min(MomentBuffer.BlockSize, p.Length - start);
            mi.Load(from + start, m[..n]);
            vi.Load(from + start, v[..n]);
            Span<float> pb = p.Slice(start, n);
            ReadOnlySpan<float> gb = g.Slice(start, n);
            int done = 0;
            if (UseVector512) done = Floats<Lanes512, Vector512<float>>(pb, gb, m[..n], v[..n]);
            else if (UseVector256) done = Floats<Lanes256, Vector256<float>>(pb, gb, m[..n], v[..n]);
            Floats<ScalarLanes, float>(pb[done..], gb[done..], m[done..n], v[done..n]);
            mi.Store(from + start, m[..n]);
            vi.Store(from + start, v[..n]);
        }
    }

    private int Floats<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            var (mi, vi) = Step<L, V>(p, g, L.Load(m, i), L.Load(v, i), i);
            L.Store(mi, m, i);
            L.Store(vi, v, i);
        }
        return i;
    }

    private int Halves<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            var (mi, vi) = Step<L, V>(p, g, L.LoadBf16(m, i), L.LoadBf16(v, i), i);
            L.StoreBf16(mi, m, i);
            L.StoreBf16(vi, v, i);
        }
        return i;
    }

    /// <summary>One vector of the step: new m and v returned, θ written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (V M, V V) Step<L, V>(Span<float> p, ReadOnlySpan<float> g, V m, V v, int i) where L : ILanes<V> where V : struct
    {
        V gi = L.Load(g, i);
        V mi = L.Add(L.Multiply(L.Create(b1), m), L.Multiply(L.Create(1 - b1), gi));
        V vi = L.Add(L.Multiply(L.Create(b2), v), L.Multiply(L.Multiply(L.Create(1 - b2), gi), gi));
        V u = L.Divide(L.Multiply(mi, L.Create(inverseCorrection1)), L.Add(L.Multiply(L.Sqrt(vi), L.Create(inverseSqrtCorrection2)), L.Create(eps)));
        V pi = L.Load(p, i);
        if (decay != 0) u = L.Add(L.Multiply(pi, L.Create(decay)), u);
        L.Store(L.Add(pi, L.Multiply(u, L.Create(factor))), p, i);
        return (mi, vi);
    }
}
