using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steepest.Optimizers.Fused;

/// <summary>Sixteen floats per operation (AVX-512).</summary>
internal readonly struct Lanes512 : ILanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ReadOnlySpan<float> s, int i) => Vector512.Create(s.Slice(i, 16));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> v, Span<float> t, int i) => v.CopyTo(t.Slice(i, 16));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float v) => Vector512.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sqrt(Vector512<float> a) => Vector512.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadBf16(ReadOnlySpan<ushort> s, int i) => LoadBf16At(ref MemoryMarshal.GetReference(s.Slice(i, 16)), 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(Vector512<float> v, Span<ushort> t, int i) => StoreBf16At(v, ref MemoryMarshal.GetReference(t.Slice(i, 16)), 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LoadAt(ref float s, nuint i) => Vector512.LoadUnsafe(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreAt(Vector512<float> v, ref float t, nuint i) => v.StoreUnsafe(ref t, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadBf16At(ref ushort s, nuint i) =>
        Avx512F.IsSupported ? (Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref s, i)) << 16).AsSingle()
        : (Vector512.WidenLower(Vector512.Create(Vector256.LoadUnsafe(ref s, i), Vector256<ushort>.Zero)) << 16).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16At(Vector512<float> v, ref ushort t, nuint i)
    {
        // Without AVX-512 (a test running these lanes on AVX2) the portable narrowing computes the same halves.
        if (Avx512F.IsSupported) Avx512F.ConvertToVector256UInt16(Rounded(v)).StoreUnsafe(ref t, i);
        else
        {
            var rounded = Rounded(v);
            Vector512.Narrow(rounded, rounded).GetLower().StoreUnsafe(ref t, i);
        }
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16PairAt(Vector512<float> low, Vector512<float> high, ref ushort t, nuint i)
    {
        StoreBf16At(low, ref t, i);
        StoreBf16At(high, ref t, i + 16);
    }
    /// <summary>The bf16 bits in the low half of each lane: round to nearest even, NaN as 0x7FC0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Rounded(Vector512<float> v)
    {
        var bits = v.AsUInt32();
        return Vector512.ConditionalSelect(Vector512.Equals(v, v).AsUInt32(), (bits + Vector512.Create(0x7FFFu) + ((bits >> 16) & Vector512<uint>.One)) >> 16, Vector512.Create(0x7FC0u));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sign(Vector512<float> a) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), Vector512<float>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<float>.Zero), -Vector512<float>.One, a));
}

/// <summary>Eight floats per operation (AVX2).</summary>
internal readonly struct Lanes256 : ILanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ReadOnlySpan<float> s, int i) => Vector256.Create(s.Slice(i, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> v, Span<float> t, int i) => v.CopyTo(t.Slice(i, 8));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float v) => Vector256.Create(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadBf16(ReadOnlySpan<ushort> s, int i) => LoadBf16At(ref MemoryMarshal.GetReference(s.Slice(i, 8)), 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(Vector256<float> v, Span<ushort> t, int i) => StoreBf16At(v, ref MemoryMarshal.GetReference(t.Slice(i, 8)), 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LoadAt(ref float s, nuint i) => Vector256.LoadUnsafe(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreAt(Vector256<float> v, ref float t, nuint i) => v.StoreUnsafe(ref t, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadBf16At(ref ushort s, nuint i) =>
        Avx2.IsSupported ? Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref s, i)), 16).AsSingle()
        : (Vector256.WidenLower(Vector256.Create(Vector128.LoadUnsafe(ref s, i), Vector128<ushort>.Zero)) << 16).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16At(Vector256<float> v, ref ushort t, nuint i)
    {
        var rounded = Rounded(v);
        Vector256.Narrow(rounded, rounded).GetLower().StoreUnsafe(ref t, i);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16PairAt(Vector256<float> low, Vector256<float> high, ref ushort t, nuint i)
    {
        if (!Avx2.IsSupported)
        {
            StoreBf16At(low, ref t, i);
            StoreBf16At(high, ref t, i + 8);
            return;
        }
        // Both halves are at most 0xFFFF, so the saturating pack is exact; it packs within 128-bit lanes, hence the permute.
        var packed = Avx2.PackUnsignedSaturate(Rounded(low).AsInt32(), Rounded(high).AsInt32());
        Avx2.Permute4x64(packed.AsUInt64(), 0b11_01_10_00).AsUInt16().StoreUnsafe(ref t, i);
    }
    /// <summary>The bf16 bits in the low half of each lane: round to nearest even, NaN as 0x7FC0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rounded(Vector256<float> v)
    {
        var bits = v.AsUInt32();
        return Vector256.ConditionalSelect(Vector256.Equals(v, v).AsUInt32(), (bits + Vector256.Create(0x7FFFu) + ((bits >> 16) & Vector256<uint>.One)) >> 16, Vector256.Create(0x7FC0u));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sign(Vector256<float> a) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), Vector256<float>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<float>.Zero), -Vector256<float>.One, a));
}

/// <summary>One float at a time: the tail of every vector loop, and the whole loop on hardware without SIMD.</summary>
internal readonly struct ScalarLanes : ILanes<float>
{
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(ReadOnlySpan<float> s, int i) => s[i];
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float v, Span<float> t, int i) => t[i] = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Create(float v) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float a, float b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float a, float b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float a, float b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Divide(float a, float b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sqrt(float a) => MathF.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadBf16(ReadOnlySpan<ushort> s, int i) => BitConverter.UInt32BitsToSingle((uint)s[i] << 16);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16(float v, Span<ushort> t, int i)
    {
        uint bits = BitConverter.SingleToUInt32Bits(v);
        t[i] = float.IsNaN(v) ? (ushort)0x7FC0 : (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadAt(ref float s, nuint i) => Unsafe.Add(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreAt(float v, ref float t, nuint i) => Unsafe.Add(ref t, i) = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadBf16At(ref ushort s, nuint i) => BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref s, i) << 16);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreBf16At(float v, ref ushort t, nuint i) => StoreBf16(v, new Span<ushort>(ref Unsafe.Add(ref t, i)), 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBf16PairAt(float low, float high, ref ushort t, nuint i)
    {
        StoreBf16At(low, ref t, i);
        StoreBf16At(high, ref t, i + 1);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sign(float a) => a > 0 ? 1 : a < 0 ? -1 : a;
}
