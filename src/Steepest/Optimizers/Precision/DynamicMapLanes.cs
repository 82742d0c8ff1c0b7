using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steepest.Optimizers.Precision;

/// <summary>
/// Decoding a <see cref="DynamicMap"/> on eight AVX2 lanes without its table: on Zen 3 a gather of eight floats cost
/// more than twice this arithmetic. Magnitudes are numbered t (signed: code = 127 ± t; unsigned: code = t − 1), and
/// t = 2ᵉ + j lies in decade e with value base_e + j·step_e. The exponent of t as a float is e, and its low three bits
/// pick base_e and step_e with one permute each.
/// </summary>
internal sealed class DynamicMapLanes
{
    // Decoding, indexed by the low 3 bits of the float exponent of t: slot (127 + e) mod 8.
    private readonly Vector256<float> decodeBase, decodeStep;

    /// <summary>Whether the hardware runs these lanes (AVX2 with FMA).</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    public DynamicMapLanes(DynamicMap map)
    {
        float[] slotBase = new float[8], slotStep = new float[8];
        for (int e = map.FirstDecade; e < map.FirstDecade + 7; e++)
        {
            slotBase[(127 + e) & 7] = map.Bases[e];
            slotStep[(127 + e) & 7] = map.Steps[e];
        }
        // Signed: t = 128 (e = 7) is 1; t = 0 is masked. Unsigned: t = 1 (e = 0) is 0 and t = 256 (e = 8, the same slot) is blended to 1.
        if (map.IsSigned) slotBase[(127 + 7) & 7] = 1;
        decodeBase = Vector256.Create(slotBase);
        decodeStep = Vector256.Create(slotStep);
    }

    /// <summary>map[c] for eight codes (as ints 0…255), bit for bit <see cref="DynamicMap.Values"/>; <typeparamref name="TSign"/> is the map's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Decode<TSign>(Vector256<int> c) where TSign : struct, IMapSign
    {
        Vector256<int> t, d = default;
        if (TSign.IsSigned)
        {
            d = c - Vector256.Create(127);
            t = Avx2.Abs(d).AsInt32();
        }
        else t = c + Vector256<int>.One;
        var f = Avx.ConvertToVector256Single(t);
        var exponent = Avx2.ShiftRightLogical(f.AsInt32(), 23);
        var j = f - (f.AsInt32() & Vector256.Create(0x7F800000)).AsSingle();
        var value = Fma.MultiplyAdd(j, Avx2.PermuteVar8x32(decodeStep, exponent), Avx2.PermuteVar8x32(decodeBase, exponent));
        if (TSign.IsSigned)
        {
            // t = 0 is code 127, the value 0; below it the negatives.
            value = Avx.AndNot(Avx2.CompareEqual(t, Vector256<int>.Zero).AsSingle(), value);
            return (value.AsInt32() | (d & Vector256.Create(int.MinValue))).AsSingle();
        }
        return Avx.BlendVariable(value, Vector256<float>.One, Avx2.CompareEqual(c, Vector256.Create(255)).AsSingle());
    }
}

/// <summary>Which half of the map a kernel is compiled for: a type argument, so the branch is folded away.</summary>
internal interface IMapSign
{
    /// <summary>True for the signed map.</summary>
    static abstract bool IsSigned { get; }
}

/// <summary>The signed map (first moments, momenta).</summary>
internal readonly struct SignedMap : IMapSign
{
    public static bool IsSigned => true;
}

/// <summary>The unsigned map (second moments).</summary>
internal readonly struct UnsignedMap : IMapSign
{
    public static bool IsSigned => false;
}
