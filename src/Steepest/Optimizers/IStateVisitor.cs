namespace Steepest.Optimizers;

/// <summary>Walks every buffer and counter of an optimizer's state, in a fixed order (used to save and load it).</summary>
public interface IStateVisitor
{
    /// <summary>A float buffer, addressed by a path unique within the optimizer.</summary>
    void Buffer(string name, float[] values);

    /// <summary>An integer counter; the visitor may replace it.</summary>
    void Counter(string name, ref long value);
}
