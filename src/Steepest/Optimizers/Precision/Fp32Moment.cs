namespace Steepest.Optimizers.Precision;

/// <summary>A moment kept in fp32: what short parameters keep under every precision.</summary>
internal sealed class Fp32Moment(int length) : MomentBuffer(length)
{
    /// <summary>The values.</summary>
    public float[] Values { get; } = new float[length];

    public override StatePrecision Precision => StatePrecision.Fp32;
    public override long Bytes => 4L * Length;
    public override void Load(int start, Span<float> values) => Values.AsSpan(start, values.Length).CopyTo(values);
    public override void Store(int start, ReadOnlySpan<float> values) => values.CopyTo(Values.AsSpan(start));
    // The same name as an fp32 state's buffer, so short parameters read alike in every precision.
    public override void Visit(IStateVisitor visitor, string name) => visitor.Buffer(name, Values);
}
