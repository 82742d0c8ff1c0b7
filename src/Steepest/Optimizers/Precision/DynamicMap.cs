namespace Steepest.Optimizers;

/// <summary>
/// The 256 values an 8-bit code stands for, in [−1, 1] (signed) or [0, 1] (unsigned), by dynamic tree quantization
/// (Dettmers et al., "8-bit Optimizers via Block-wise Quantization", 2022): decade k = 0…6 covers 10⁻ᵏ·[0.1, 1] with
/// 2⁶⁻ᵏ (signed) or 2⁷⁻ᵏ (unsigned) evenly spaced midpoints, so small values keep their relative precision; 0 and 1
/// are exact. Encoding is nearest value, ties to the lower code, through a table indexed by the top 16 bits of the
/// float: each such bucket holds at most one midpoint between codes (checked when the table is built), so the code is
/// the bucket's first code plus one comparison.
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

    /// <summary>First[b]: the nearest code to the smallest float whose top 16 bits are b (with 3 bytes of padding for 4-byte gathers).</summary>
    public byte[] First { get; }

    /// <summary>True for the signed map.</summary>
    public bool IsSigned { get; }

    private DynamicMap(bool signed)
    {
        IsSigned = signed;
        var values = new List<double> { 0, 1 };
        for (int decade = 0; decade <= 6; decade++)
        {
            int count = 1 << ((signed ? 6 : 7) - decade);
            double scale = Math.Pow(10, -decade);
            for (int j = 0; j < count; j++)
            {
                double value = scale * (0.1 + 0.9 * (j + 0.5) / count);
                values.Add(value);
                if (signed) values.Add(-value);
            }
        }
        if (values.Count != 256) throw new InvalidOperationException($"a dynamic map needs 256 values, built {values.Count}");
        Values = values.Order().Select(v => (float)v).ToArray();
        Midpoints = new float[256];
        for (int c = 0; c < 255; c++) Midpoints[c] = (Values[c] + Values[c + 1]) / 2;
        Midpoints[255] = float.PositiveInfinity;
        First = new byte[65536 + 3];
        for (int bucket = 0; bucket < 65536; bucket++)
        {
            // The bucket's floats run from its smallest to its largest value (the order flips for negative floats).
            float a = BitConverter.Int32BitsToSingle(bucket << 16), b = BitConverter.Int32BitsToSingle((bucket << 16) | 0xFFFF);
            float low = Math.Min(a, b), high = Math.Max(a, b);
            if (!float.IsFinite(low) || !float.IsFinite(high)) continue;
            int code = Nearest(low);
            if (code < 255 && Midpoints[code] <= high && code + 1 < 255 && Midpoints[code + 1] <= high)
                throw new InvalidOperationException($"bucket {bucket:x4} holds two midpoints: the encoding table would be wrong");
            First[bucket] = (byte)code;
        }
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

    /// <summary>The code of y ∈ [−1, 1] (or [0, 1]), through the table.</summary>
    public byte Encode(float y)
    {
        int code = First[(int)((uint)BitConverter.SingleToInt32Bits(y) >> 16)];
        return (byte)(y > Midpoints[code] ? code + 1 : code);
    }
}
