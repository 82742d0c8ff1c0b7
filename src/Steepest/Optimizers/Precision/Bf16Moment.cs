using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Optimizers.Fused;

namespace Steepest.Optimizers.Precision;

/// <summary>
/// A moment in bfloat16: the top 16 bits of the fp32 value, rounded to nearest even. NaN stays NaN (a quiet NaN);
/// ±∞ and overflow to ±∞ follow IEEE rounding.
/// </summary>
internal sealed class Bf16Moment(int length) : MomentBuffer(length)
{
    /// <summary>The halves, little-endian: two bytes per value.</summary>
    public byte[] Halves { get; } = new byte[2 * length];

    public override StatePrecision Precision => StatePrecision.Bf16;
    public override long Bytes => 2L * Length;

    public override void Load(int start, Span<float> values) => Widen(MemoryMarshal.Cast<byte, ushort>(Halves.AsSpan()).Slice(start, values.Length), values);

    public override void Store(int start, ReadOnlySpan<float> values) => Round(values, MemoryMarshal.Cast<byte, ushort>(Halves.AsSpan()).Slice(start, values.Length));

    public override void Visit(IStateVisitor visitor, string name) => visitor.Bytes($"{name}#bf16", Halves);

    /// <summary>bf16 → fp32: the bits shifted into the top half (exact).</summary>
    public static void Widen(ReadOnlySpan<ushort> halves, Span<float> values)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated) done = Widen<Lanes512, Vector512<float>>(halves, values);
        else if (Vector256.IsHardwareAccelerated) done = Widen<Lanes256, Vector256<float>>(halves, values);
        Widen<ScalarLanes, float>(halves[done..], values[done..]);
    }

    /// <summary>fp32 → bf16, round to nearest even: (bits + 0x7FFF + lsb) >> 16; a NaN becomes the quiet NaN 0x7FC0.</summary>
    /// <remarks>The rounding itself is the fused kernels' (<c>ILanes.StoreBf16</c>): one definition per vector width.</remarks>
    public static void Round(ReadOnlySpan<float> values, Span<ushort> halves)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated) done = Round<Lanes512, Vector512<float>>(values, halves);
        else if (Vector256.IsHardwareAccelerated) done = Round<Lanes256, Vector256<float>>(values, halves);
        Round<ScalarLanes, float>(values[done..], halves[done..]);
    }

    private static int Widen<L, V>(ReadOnlySpan<ushort> halves, Span<float> values) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= halves.Length; i += L.Count) L.Store(L.LoadBf16(halves, i), values, i);
        return i;
    }

    private static int Round<L, V>(ReadOnlySpan<float> values, Span<ushort> halves) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= values.Length; i += L.Count) L.StoreBf16(L.Load(values, i), halves, i);
        return i;
    }
}
