namespace Steepest.Optimizers.Precision;

/// <summary>
/// One moment buffer of one parameter (Adam's m or v, a momentum) in its storage precision. Kernels and transforms
/// work on fp32 values a block at a time: <see cref="Load"/> a block, update it, <see cref="Store"/> it back; blocks start
/// at multiples of <see cref="BlockSize"/>, so quantization blocks are never split.
/// </summary>
internal abstract class MomentBuffer
{
    /// <summary>Values per quantization block, as in the paper: small enough that one outlier costs little precision.</summary>
    public const int BlockSize = 256;

    protected MomentBuffer(int length) => Length = length;

    /// <summary>Values held.</summary>
    public int Length { get; }

    /// <summary>How they are stored.</summary>
    public abstract StatePrecision Precision { get; }

    /// <summary>Bytes of storage, scales included (int8: one per value plus 4 per block).</summary>
    public abstract long Bytes { get; }

    /// <summary>Reads values [start, start + values.Length) as fp32; start is a multiple of <see cref="BlockSize"/>.</summary>
    public abstract void Load(int start, Span<float> values);

    /// <summary>Writes values [start, start + values.Length), rounding to the storage; start is a multiple of <see cref="BlockSize"/>, and the span ends at a block's end or the buffer's.</summary>
    public abstract void Store(int start, ReadOnlySpan<float> values);

    /// <summary>Presents the stored bytes (and scales) to a state visitor under <paramref name="name"/>.</summary>
    public abstract void Visit(IStateVisitor visitor, string name);

    /// <summary>A zeroed buffer of <paramref name="length"/> values; short parameters stay fp32 (<see cref="StatePrecisions.For"/>).</summary>
    public static MomentBuffer Create(StatePrecision precision, int length, bool signed) => precision.For(length) switch
    {
        StatePrecision.Fp32 => new Fp32Moment(length),
        StatePrecision.Bf16 => new Bf16Moment(length),
        _ => new Int8Moment(length, signed ? DynamicMap.Signed : DynamicMap.Unsigned),
    };
}
