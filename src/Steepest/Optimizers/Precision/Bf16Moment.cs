using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Steepest.Optimizers;

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
        var bits = MemoryMarshal.Cast<float, uint>(values);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 16 <= halves.Length; i += 16)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(halves.Slice(i, 16)));
                (low << 16).CopyTo(bits.Slice(i, 8));
                (high << 16).CopyTo(bits.Slice(i + 8, 8));
            }
        for (; i < halves.Length; i++) bits[i] = (uint)halves[i] << 16;
    }

    /// <summary>fp32 → bf16, round to nearest even: (bits + 0x7FFF + lsb) >> 16; a NaN becomes the quiet NaN 0x7FC0.</summary>
    public static void Round(ReadOnlySpan<float> values, Span<ushort> halves)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var bias = Vector256.Create(0x7FFFu);
            var one = Vector256.Create(1u);
            var nan = Vector256.Create(0x7FC0u);
            for (; i + 16 <= values.Length; i += 16)
            {
                var a = Vector256.Create(bits.Slice(i, 8));
                var b = Vector256.Create(bits.Slice(i + 8, 8));
                var ra = Vector256.ConditionalSelect(Vector256.Equals(Vector256.Create(values.Slice(i, 8)), Vector256.Create(values.Slice(i, 8))).AsUInt32(),
                    (a + bias + ((a >> 16) & one)) >> 16, nan);
                var rb = Vector256.ConditionalSelect(Vector256.Equals(Vector256.Create(values.Slice(i + 8, 8)), Vector256.Create(values.Slice(i + 8, 8))).AsUInt32(),
                    (b + bias + ((b >> 16) & one)) >> 16, nan);
                Vector256.Narrow(ra, rb).CopyTo(halves.Slice(i, 16));
            }
        }
        for (; i < values.Length; i++) halves[i] = RoundOne(bits[i], values[i]);
    }

    private static ushort RoundOne(uint bits, float value) => float.IsNaN(value) ? (ushort)0x7FC0 : (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
}
