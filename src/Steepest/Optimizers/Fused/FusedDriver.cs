using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// The one loop every fused kernel runs: a <see cref="FusedStep{TDirection, TTail}"/> over the values of one parameter,
/// in 512- or 256-bit vectors where the hardware has them and in scalars for the tail. Every lane is computed by the
/// same expression, so the result does not depend on the width. State comes as fp32 spans, or as stored moments: bf16
/// is widened and rounded in registers, int8 is dequantized a block at a time into fp32 scratch and requantized after.
/// </summary>
internal static class FusedDriver
{
    /// <summary>The step over fp32 state (m and v are ignored where the direction keeps none).</summary>
    public static void Apply<TDirection, TTail>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail
    {
        if (Vector512.IsHardwareAccelerated) ApplyOn<TDirection, TTail, Lanes512, Vector512<float>>(step, p, g, m, v);
        else if (Vector256.IsHardwareAccelerated) ApplyOn<TDirection, TTail, Lanes256, Vector256<float>>(step, p, g, m, v);
        else Floats<TDirection, TTail, ScalarLanes, float>(step, p, g, m, v);
    }

    /// <summary>The step over fp32 state on lanes <typeparamref name="L"/>, the rest in scalars: tests run every width on any hardware.</summary>
    internal static void ApplyOn<TDirection, TTail, L, V>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail where L : ILanes<V> where V : struct
    {
        int done = Floats<TDirection, TTail, L, V>(step, p, g, m, v);
        Floats<TDirection, TTail, ScalarLanes, float>(step, p[done..], g[done..], TDirection.UsesM ? m[done..] : default, TDirection.UsesV ? v[done..] : default);
    }

    /// <summary>The step over bf16 moments on lanes <typeparamref name="L"/>, the rest in scalars.</summary>
    internal static void ApplyOn<TDirection, TTail, L, V>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail where L : ILanes<V> where V : struct
    {
        int done = Halves<TDirection, TTail, L, V>(step, p, g, m, v);
        Halves<TDirection, TTail, ScalarLanes, float>(step, p[done..], g[done..], TDirection.UsesM ? m[done..] : default, TDirection.UsesV ? v[done..] : default);
    }

    /// <summary>
    /// The step over stored moments, values [from, from + p.Length) of them; from is a multiple of
    /// <see cref="MomentBuffer.BlockSize"/> and the span ends at a block's end or the buffer's.
    /// </summary>
    public static void Apply<TDirection, TTail>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, MomentBuffer? m, MomentBuffer? v, int from)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail
    {
        if ((m ?? v) is Bf16Moment)
        {
            Span<ushort> m16 = TDirection.UsesM ? Halves(m!).Slice(from, p.Length) : default, v16 = TDirection.UsesV ? Halves(v!).Slice(from, p.Length) : default;
            if (Vector512.IsHardwareAccelerated) ApplyOn<TDirection, TTail, Lanes512, Vector512<float>>(step, p, g, m16, v16);
            else if (Vector256.IsHardwareAccelerated) ApplyOn<TDirection, TTail, Lanes256, Vector256<float>>(step, p, g, m16, v16);
            else Halves<TDirection, TTail, ScalarLanes, float>(step, p, g, m16, v16);
            return;
        }
        Span<float> mb = stackalloc float[MomentBuffer.BlockSize], vb = stackalloc float[MomentBuffer.BlockSize];
        for (int start = 0; start < p.Length; start += MomentBuffer.BlockSize)
        {
            int n = Math.Min(MomentBuffer.BlockSize, p.Length - start);
            if (TDirection.UsesM) m!.Load(from + start, mb[..n]);
            if (TDirection.UsesV) v!.Load(from + start, vb[..n]);
            Span<float> pb = p.Slice(start, n);
            ReadOnlySpan<float> gb = g.Slice(start, n);
            int done = 0;
            if (Vector512.IsHardwareAccelerated) done = Floats<TDirection, TTail, Lanes512, Vector512<float>>(step, pb, gb, mb, vb);
            else if (Vector256.IsHardwareAccelerated) done = Floats<TDirection, TTail, Lanes256, Vector256<float>>(step, pb, gb, mb, vb);
            if (done < n) Floats<TDirection, TTail, ScalarLanes, float>(step, pb[done..], gb[done..], mb[done..n], vb[done..n]);
            if (TDirection.UsesM) m!.Store(from + start, mb[..n]);
            if (TDirection.UsesV) v!.Store(from + start, vb[..n]);
        }
    }

    private static Span<ushort> Halves(MomentBuffer moment) => MemoryMarshal.Cast<byte, ushort>(((Bf16Moment)moment).Halves.AsSpan());

    private static int Floats<TDirection, TTail, L, V>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V pi = L.Load(p, i), mi = TDirection.UsesM ? L.Load(m, i) : default, vi = TDirection.UsesV ? L.Load(v, i) : default;
            step.Apply<L, V>(ref pi, L.Load(g, i), ref mi, ref vi);
            if (TDirection.UsesM) L.Store(mi, m, i);
            if (TDirection.UsesV) L.Store(vi, v, i);
            L.Store(pi, p, i);
        }
        return i;
    }

    private static int Halves<TDirection, TTail, L, V>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail where L : ILanes<V> where V : struct
    {
        // Checked once here, so that the loop can load and store without a check per access.
        if (g.Length < p.Length || (TDirection.UsesM && m.Length < p.Length) || (TDirection.UsesV && v.Length < p.Length))
            throw new ArgumentException("the gradient and the moments must be as long as the parameter");
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref ushort mr = ref MemoryMarshal.GetReference(m), vr = ref MemoryMarshal.GetReference(v);
        nuint i = 0, n = (nuint)p.Length, count = (nuint)L.Count;
        // Two vectors a turn, so that their moments are narrowed to bf16 together.
        for (; i + 2 * count <= n; i += 2 * count)
        {
            nuint j = i + count;
            V pi = L.LoadAt(ref pr, i), mi = TDirection.UsesM ? L.LoadBf16At(ref mr, i) : default, vi = TDirection.UsesV ? L.LoadBf16At(ref vr, i) : default;
            step.Apply<L, V>(ref pi, L.LoadAt(ref gr, i), ref mi, ref vi);
            V pj = L.LoadAt(ref pr, j), mj = TDirection.UsesM ? L.LoadBf16At(ref mr, j) : default, vj = TDirection.UsesV ? L.LoadBf16At(ref vr, j) : default;
            step.Apply<L, V>(ref pj, L.LoadAt(ref gr, j), ref mj, ref vj);
            if (TDirection.UsesM) L.StoreBf16PairAt(mi, mj, ref mr, i);
            if (TDirection.UsesV) L.StoreBf16PairAt(vi, vj, ref vr, i);
            L.StoreAt(pi, ref pr, i);
            L.StoreAt(pj, ref pr, j);
        }
        for (; i + count <= n; i += count)
        {
            V pi = L.LoadAt(ref pr, i), mi = TDirection.UsesM ? L.LoadBf16At(ref mr, i) : default, vi = TDirection.UsesV ? L.LoadBf16At(ref vr, i) : default;
            step.Apply<L, V>(ref pi, L.LoadAt(ref gr, i), ref mi, ref vi);
            if (TDirection.UsesM) L.StoreBf16At(mi, ref mr, i);
            if (TDirection.UsesV) L.StoreBf16At(vi, ref vr, i);
            L.StoreAt(pi, ref pr, i);
        }
        return (int)i;
    }
}
