namespace Steepest.Optimizers.Precision;

/// <summary>
/// The 256 values an 8-bit code stands for, in [−1, 1] (signed) or [0, 1] (unsigned), by dynamic tree quantization
/// (Dettmers et al., "8-bit Optimizers via Block-wise Quantization", 2022): decade k = 0…6 covers 10⁻ᵏ·[0.1, 1] with
/// 2⁶⁻ᵏ (signed) or 2⁷⁻ᵏ (unsigned) evenly spaced midpoints, so small values keep their relative precision; 0 and 1
/// are exact. Each value is one float multiply-add from its decade's base and step (<see cref="Bases"/>), within an
/// ulp of the decimal definition, so vectors compute it instead of looking it up (<see cref="DynamicMapLanes"/>).
/// Encoding is nearest value, ties to the lower code, through a table indexed by the top 16 bits of the float: each
/// such bucket holds at most one midpoint between codes (checked when the table is built), so the code is the bucket's
/// first code plus one comparison with that midpoint's low bits, both in one table entry.
/// </summary>
internal sealed class DynamicMap
{
    /// <summary>The signed map, for first moments and momenta.</summary>
    public static DynamicMap Signed { get; } = new(signed: true);

    /// <summary>The unsigned map, for second moments.</summary>
    public static DynamicMap Unsigned { get; } = new(signed: false);

    /// <summary>Values[c]: what code c stands for, ascending.</summary>
    public float[] Values { get; }

    /// <summary>Midpoints[c] = (Values[c] + Values[c+1])/2; Midpoints[255] = +∞.</summary>
    public float[] Midpoints { get; }

    /// <summary>
    /// The encoding table, one int per bucket of floats sharing their top 16 bits (sign, exponent, 7 mantissa bits),
    /// for exponents 2⁻²⁴ … 2⁰ (smaller magnitudes join the 2⁻²⁴ bucket, whose floats all round to the code of 0):
    /// the bucket's first code in the low byte, and above it the key of the one midpoint inside the bucket, or 2¹⁶
    /// when there is none. See <see cref="Bucket"/> and <see cref="Key"/>.
    /// </summary>
    public int[] Entries { get; }

    /// <summary>Binades of the table: exponents 103 (2⁻²⁴) to 127 (2⁰).</summary>
    public const int LowestExponent = 103, Binades = 25;

    /// <summary>The map on vector lanes, for hardware where <see cref="DynamicMapLanes.IsSupported"/>.</summary>
    public DynamicMapLanes Lanes { get; }

    /// <summary>True for the signed map.</summary>
    public bool IsSigned { get; }

    /// <summary>
    /// Decade e of the magnitudes holds 2ᵉ values Bases[e] + j·Steps[e], j = 0 … 2ᵉ−1, computed as one fused multiply-add
    /// in float, so a vector decoder reproduces every value bit for bit (e = 0…6 signed, 1…7 unsigned).
    /// </summary>
    public float[] Bases { get; } = new float[9];

    /// <summary>The spacing of decade e's values; see <see cref="Bases"/>.</summary>
    public float[] Steps { get; } = new float[9];

    /// <summary>The smallest decade e: 0 signed, 1 unsigned; the map has seven, up to FirstDecade + 6.</summary>
    public int FirstDecade => IsSigned ? 0 : 1;

    private DynamicMap(bool signed)
    {
        IsSigned = signed;
        var values = new List<float> { 0, 1 };
        for (int e = FirstDecade; e < FirstDecade + 7; e++)
        {
            // Decade 10⁻ᵏ·[0.1, 1] with k = 6 − e (signed) or 7 − e: 2ᵉ midpoints of its even steps.
            int count = 1 << e;
            double scale = Math.Pow(10, -((signed ? 6 : 7) - e));
            Bases[e] = (float)(scale * (0.1 + 0.45 / count));
            Steps[e] = (float)(scale * 0.9 / count);
            for (int j = 0; j < count; j++)
            {
                float value = MathF.FusedMultiplyAdd(j, Steps[e], Bases[e]);
                values.Add(value);
                if (signed) values.Add(-value);
            }
        }
        if (values.Count != 256) throw new InvalidOperationException($"a dynamic map needs 256 values, built {values.Count}");
        Values = values.Order().ToArray();
        for (int c = 1; c < 256; c++)
            if (!(Values[c] > Values[c - 1])) throw new InvalidOperationException($"dynamic map values {c - 1} and {c} are not ascending");
        Midpoints = new float[256];
        for (int c = 0; c < 255; c++) Midpoints[c] = (Values[c] + Values[c + 1]) / 2;
        Midpoints[255] = float.PositiveInfinity;
        Entries = new int[2 * Binades * 128];
        for (int sign = 0; sign < 2; sign++)
            for (int binade = 0; binade < Binades; binade++)
                for (int top = 0; top < 128; top++)
                {
                    int high = (sign << 15) | ((LowestExponent + binade) << 7) | top;
                    // The bucket's floats run from its smallest to its largest value (the order flips for negative floats).
                    float a = BitConverter.Int32BitsToSingle(high << 16), b = BitConverter.Int32BitsToSingle((high << 16) | 0xFFFF);
                    float low = Math.Min(a, b), highest = Math.Max(a, b);
                    if (binade == 0) low = sign == 0 ? 0 : low;
                    if (binade == 0) highest = sign == 0 ? highest : -0f;
                    int code = Nearest(low);
                    int threshold = 1 << 16;
                    if (code < 255 && Midpoints[code] <= highest)
                    {
                        if (code + 1 < 255 && Midpoints[code + 1] <= highest)
                            throw new InvalidOperationException($"bucket {high:x4} holds two midpoints: the encoding table would be wrong");
                        if (binade == 0) throw new InvalidOperationException("a midpoint lies below 2⁻²³: the table's lowest bucket would be wrong");
                        threshold = Key(Midpoints[code]);
                    }
                    Entries[Bucket(high << 16)] = code | (threshold << 8);
                }
        Lanes = new DynamicMapLanes(this);
    }

    /// <summary>The table index of a float's bits: sign, binade clamped to the table, then 7 mantissa bits.</summary>
    public static int Bucket(int bits)
    {
        int exponent = Math.Clamp((bits >> 23) & 0xFF, LowestExponent, LowestExponent + Binades - 1) - LowestExponent;
        return ((((bits >> 31) & 1) * Binades + exponent) << 7) | ((bits >> 16) & 0x7F);
    }

    /// <summary>The low 16 bits of a float, flipped for negative ones, so that within a bucket a larger key is a larger value.</summary>
    public static int Key(float y)
    {
        int bits = BitConverter.SingleToInt32Bits(y);
        return (bits & 0xFFFF) ^ ((bits >> 31) & 0xFFFF);
    }

    /// <summary>The nearest code by search (ties to the lower code): the definition the table implements.</summary>
    public int Nearest(float y)
    {
        int low = 0, high = 255;
        while (low < high)
        {
            int mid = (low + high) / 2;
            if (y > Midpoints[mid]) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>The code of y ∈ [−1, 1] (or [0, 1]), through the table: the bucket's first code, plus one past its midpoint.</summary>
    public byte Encode(float y)
    {
        int entry = Entries[Bucket(BitConverter.SingleToInt32Bits(y))];
        return (byte)((entry & 0xFF) + (Key(y) > entry >> 8 ? 1 : 0));
    }
}
