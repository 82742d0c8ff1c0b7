namespace Steepest.Optimizers;

/// <summary>Walks every buffer and counter of an optimizer's state, in a fixed order (used to save and load it).</summary>
public interface IStateVisitor
{
    /// <summary>A float buffer, addressed by a path unique within the optimizer.</summary>
    void Buffer(string name, float[] values);

    /// <summary>Raw bytes (quantized codes, bf16 halves), addressed like a buffer; the visitor may overwrite them in place.</summary>
    void Bytes(string name, byte[] values);

    /// <summary>An integer counter; the visitor may replace it.</summary>
    void Counter(string name, ref long value);
}
