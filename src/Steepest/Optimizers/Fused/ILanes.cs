namespace Steepest.Optimizers.Fused;

/// <summary>
/// The arithmetic a fused kernel needs, over a vector type: implemented for Vector512, Vector256 and plain float, so
/// each kernel is written once and the JIT specializes it per width (and the scalar form handles tails identically).
/// </summary>
internal interface ILanes<TVector> where TVector : struct
{
    static abstract int Count { get; }
    static abstract TVector Load(ReadOnlySpan<float> source, int index);
    static abstract void Store(TVector value, Span<float> target, int index);
    static abstract TVector Create(float value);
    static abstract TVector Add(TVector a, TVector b);
    static abstract TVector Subtract(TVector a, TVector b);
    static abstract TVector Multiply(TVector a, TVector b);
    static abstract TVector Divide(TVector a, TVector b);
    /// <summary>a·b + c with a single rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
    static abstract TVector Sqrt(TVector a);
    /// <summary>bf16 values at index..index+Count, widened exactly to fp32.</summary>
    static abstract TVector LoadBf16(ReadOnlySpan<ushort> source, int index);
    /// <summary>Stores fp32 values as bf16, rounded to nearest even (NaN as 0x7FC0), exactly as <c>Bf16Moment.Round</c>.</summary>
    static abstract void StoreBf16(TVector value, Span<ushort> target, int index);
    /// <summary>
    /// The loads and stores above at element <paramref name="index"/> of a reference, unchecked: for the drivers' hot
    /// loops, which check every span's length once before the loop (a checked slice costs a compare and a branch per
    /// access, and in the bf16 loop that was a quarter of its time).
    /// </summary>
    static abstract TVector LoadAt(ref float source, nuint index);
    static abstract void StoreAt(TVector value, ref float target, nuint index);
    static abstract TVector LoadBf16At(ref ushort source, nuint index);
    static abstract void StoreBf16At(TVector value, ref ushort target, nuint index);
    /// <summary><see cref="StoreBf16At"/> of two vectors, low at index and high at index + Count, narrowed together.</summary>
    static abstract void StoreBf16PairAt(TVector low, TVector high, ref ushort target, nuint index);
    /// <summary>+1 for positive, −1 for negative; 0 and NaN pass through unchanged.</summary>
    static abstract TVector Sign(TVector a);
}
