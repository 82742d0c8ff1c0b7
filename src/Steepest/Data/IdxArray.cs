namespace Steepest.Data;

/// <summary>An array read from an IDX file: its dimensions and its values as floats (row-major).</summary>
/// <param name="Dimensions">Sizes, outermost first (e.g. [60000, 28, 28]).</param>
/// <param name="Values">Row-major values.</param>
/// <param name="ElementType">The IDX type code (0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64).</param>
public sealed record IdxArray(int[] Dimensions, float[] Values, byte ElementType)
{
    /// <summary>Number of items along the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Values per item (the product of the other dimensions).</summary>
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
