using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steepest.Optimizers.Precision;

/// <summary>
/// A moment quantized block-wise (Dettmers et al. 2022): each block of 256 values keeps its absmax s in fp32 and one
/// byte per value, the nearest code of x/s in a <see cref="DynamicMap"/>; x ≈ s·map[code]. A block that holds a NaN or
/// an infinity stores s = NaN, so every value of it reads back as NaN: a blow-up stays visible, it is never rounded
/// into a finite code.
/// </summary>
internal sealed class Int8Moment(int length, DynamicMap map) : MomentBuffer(length)
{
    /// <summary>One code per value.</summary>
    public byte[] Codes { get; } = new byte[length];

    /// <summary>One absmax per block.</summary>
    public float[] Scales { get; } = new float[(length + BlockSize - 1) / BlockSize];

    /// <summary>The map the codes index.</summary>
    public DynamicMap Map { get; } = map;

    public override StatePrecision Precision => StatePrecision.Int8;
    public override long Bytes => Codes.Length + 4L * Scales.Length;

    public override void Load(int start, Span<float> values) => Dequantize(Map, Codes.AsSpan(start, values.Length), Scales[start / BlockSize], values);

    public override void Store(int start, ReadOnlySpan<float> values) => Scales[start / BlockSize] = Quantize(Map, values, Codes.AsSpan(start, values.Length));

    public override void Visit(IStateVisitor visitor, string name)
    {
        visitor.Bytes($"{name}#int8", Codes);
        visitor.Buffer($"{name}#absmax", Scales);
    }

    /// <summary>values[j] = scale·map[codes[j]].</summary>
    public static unsafe void Dequantize(DynamicMap map, ReadOnlySpan<byte> codes, float scale, Span<float> values)
    {
        if (values.Length < codes.Length) throw new ArgumentException("values must hold one float per code", nameof(values));
        int i = 0;
        fixed (float* table = map.Values)
        fixed (byte* c = codes)
        fixed (float* v = values)
        {
            if (DynamicMapLanes.IsSupported)
                i = map.IsSigned ? Dequantize<SignedMap>(map.Lanes, c, codes.Length, scale, v) : Dequantize<UnsignedMap>(map.Lanes, c, codes.Length, scale, v);
            for (; i < codes.Length; i++) v[i] = table[c[i]] * scale;
        }
    }

    private static unsafe int Dequantize<TSign>(DynamicMapLanes lanes, byte* c, int count, float scale, float* v) where TSign : struct, IMapSign
    {
        var s = Vector256.Create(scale);
        int i = 0;
        for (; i + 8 <= count; i += 8) (lanes.Decode<TSign>(Avx2.ConvertToVector256Int32(c + i)) * s).Store(v + i);
        return i;
    }

    /// <summary>Codes of values/absmax and the absmax, which is NaN when any value is not finite.</summary>
    public static unsafe float Quantize(DynamicMap map, ReadOnlySpan<float> values, Span<byte> codes)
    {
        if (codes.Length < values.Length) throw new ArgumentException("codes must hold one byte per value", nameof(codes));
        float absmax = AbsMax(values);
        if (!float.IsFinite(absmax))
        {
            codes.Clear();
            return float.NaN;
        }
        float inverse = absmax == 0 ? 0 : 1 / absmax;
        if (!float.IsFinite(inverse))
        {
            // A subnormal absmax has no float reciprocal: divide instead (rare, and the same on every path).
            for (int j = 0; j < values.Length; j++) codes[j] = map.Encode(values[j] / absmax);
            return absmax;
        }
        int i = 0;
        fixed (int* entries = map.Entries)
        fixed (float* x = values)
        fixed (byte* c = codes)
        {
            if (Avx2.IsSupported)
            {
                var inv = Vector256.Create(inverse);
                for (; i + 16 <= values.Length; i += 16)
                {
                    var a = Encode(Avx.LoadVector256(x + i) * inv, entries);
                    var b = Encode(Avx.LoadVector256(x + i + 8) * inv, entries);
                    // Codes are 0…255, so both packs are exact; they work within 128-bit lanes, so put the quarters back in order.
                    var words = Avx2.Permute4x64(Avx2.PackSignedSaturate(a, b).AsInt64(), 0b11_01_10_00).AsInt16();
                    var bytes = Avx2.PackUnsignedSaturate(words, words);
                    Sse2.Store(c + i, Avx2.Permute4x64(bytes.AsInt64(), 0b11_01_10_00).AsByte().GetLower());
                }
            }
            for (; i < values.Length; i++) c[i] = map.Encode(x[i] * inverse);
        }
        return absmax;
    }

    /// <summary>
    /// <see cref="DynamicMap.Encode"/> on eight lanes: one gather of the bucket's entry, one comparison of keys. An
    /// encoder without the gather (the midpoints between decades counted, the step within one computed and settled
    /// against the nearest midpoint) was exact too, but took 1.7–1.8 ns per value on Zen 3 against this one's 1.3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Encode(Vector256<float> y, int* entries)
    {
        var bits = y.AsInt32();
        var exponent = Avx2.ShiftRightLogical(bits, 23) & Vector256.Create(0xFF);
        exponent = Avx2.Min(Avx2.Max(exponent, Vector256.Create(DynamicMap.LowestExponent)), Vector256.Create(DynamicMap.LowestExponent + DynamicMap.Binades - 1)) - Vector256.Create(DynamicMap.LowestExponent);
        var sign = Avx2.ShiftRightLogical(bits, 31);
        var bucket = Avx2.ShiftLeftLogical(sign * Vector256.Create(DynamicMap.Binades) + exponent, 7) | (Avx2.ShiftRightLogical(bits, 16) & Vector256.Create(0x7F));
        var entry = Avx2.GatherVector256(entries, bucket, 4);
        var key = (bits & Vector256.Create(0xFFFF)) ^ (Avx2.ShiftRightArithmetic(bits, 31) & Vector256.Create(0xFFFF));
        // key > threshold is all ones (−1) in a lane: subtracting it adds one to the code.
        return Avx2.Subtract(entry & Vector256.Create(0xFF), Avx2.CompareGreaterThan(key, Avx2.ShiftRightArithmetic(entry, 8)));
    }

    /// <summary>max |x|, or NaN when any value is NaN or infinite.</summary>
    public static float AbsMax(ReadOnlySpan<float> values)
    {
        // |x| as bits orders as |x| does, and every NaN and infinity lies above every finite value.
        int max = 0, i = 0;
        ref float first = ref MemoryMarshal.GetReference(values);
        if (Vector256.IsHardwareAccelerated && values.Length >= 16)
        {
            var magnitude = Vector256.Create(int.MaxValue);
            Vector256<int> m0 = Vector256<int>.Zero, m1 = Vector256<int>.Zero;
            for (; i + 16 <= values.Length; i += 16)
            {
                m0 = Vector256.Max(m0, Vector256.LoadUnsafe(ref first, (nuint)i).AsInt32() & magnitude);
                m1 = Vector256.Max(m1, Vector256.LoadUnsafe(ref first, (nuint)i + 8).AsInt32() & magnitude);
            }
            var m = Vector256.Max(m0, m1);
            var half = Vector128.Max(m.GetLower(), m.GetUpper());
            max = Math.Max(Math.Max(half[0], half[1]), Math.Max(half[2], half[3]));
        }
        for (; i < values.Length; i++) max = Math.Max(max, BitConverter.SingleToInt32Bits(values[i]) & int.MaxValue);
        return max < 0x7F800000 ? BitConverter.Int32BitsToSingle(max) : float.NaN;
    }
}
