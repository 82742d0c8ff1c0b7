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
        int i = 0;
        fixed (float* table = map.Values)
        fixed (byte* c = codes)
        {
            if (Avx2.IsSupported)
            {
                var s = Vector256.Create(scale);
                for (; i + 8 <= codes.Length; i += 8)
                {
                    var index = Avx2.ConvertToVector256Int32(c + i);
                    (Avx2.GatherVector256(table, index, 4) * s).CopyTo(values.Slice(i, 8));
                }
            }
            for (; i < codes.Length; i++) values[i] = table[c[i]] * scale;
        }
    }

    /// <summary>Codes of values/absmax and the absmax, which is NaN when any value is not finite.</summary>
    public static unsafe float Quantize(DynamicMap map, ReadOnlySpan<float> values, Span<byte> codes)
    {
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
        {
            if (Avx2.IsSupported)
            {
                var inv = Vector256.Create(inverse);
                for (; i + 16 <= values.Length; i += 16)
                {
                    var a = Encode(Avx.LoadVector256(x + i) * inv, entries);
                    var b = Encode(Avx.LoadVector256(x + i + 8) * inv, entries);
                    var words = Avx2.PackSignedSaturate(a, b);
                    // Pack works within 128-bit lanes: put the four quarters back in order before narrowing to bytes.
                    words = Avx2.Permute4x64(words.AsInt64(), 0b11_01_10_00).AsInt16();
                    var bytes = Avx2.PackUnsignedSaturate(words, words);
                    Vector128.StoreUnsafe(Avx2.Permute4x64(bytes.AsInt64(), 0b11_01_10_00).AsByte().GetLower(), ref MemoryMarshal.GetReference(codes), (nuint)i);
                }
            }
            for (; i < values.Length; i++) codes[i] = map.Encode(values[i] * inverse);
        }
        return absmax;
    }

    /// <summary><see cref="DynamicMap.Encode"/> on eight lanes: one gather of the bucket's entry, one comparison of keys.</summary>
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
        float max = 0;
        bool finite = true;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 8)
        {
            var m = Vector256<float>.Zero;
            var bad = Vector256<float>.Zero;
            var infinity = Vector256.Create(float.PositiveInfinity);
            for (; i + 8 <= values.Length; i += 8)
            {
                var a = Vector256.Abs(Vector256.Create(values.Slice(i, 8)));
                // NaN fails a < ∞ as infinity does: either marks the block.
                bad |= ~Vector256.LessThan(a, infinity);
                m = Vector256.Max(m, a);
            }
            finite = bad == Vector256<float>.Zero;
            var lower = Vector128.Max(m.GetLower(), m.GetUpper());
            max = MathF.Max(MathF.Max(lower[0], lower[1]), MathF.Max(lower[2], lower[3]));
        }
        for (; i < values.Length; i++)
        {
            float a = MathF.Abs(values[i]);
            if (!(a < float.PositiveInfinity)) finite = false;
            else if (a > max) max = a;
        }
        return finite ? max : float.NaN;
    }
}
