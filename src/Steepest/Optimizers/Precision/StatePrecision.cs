namespace Steepest.Optimizers.Precision;

/// <summary>How an optimizer stores its moment buffers (m, v, momentum).</summary>
public enum StatePrecision
{
    /// <summary>4 bytes per value, as computed.</summary>
    Fp32,

    /// <summary>2 bytes per value: bfloat16, rounded to nearest even.</summary>
    Bf16,

    /// <summary>About 1 byte per value: block-wise dynamic quantization, 256 values per block with one fp32 absmax (Dettmers et al. 2022).</summary>
    Int8,
}
