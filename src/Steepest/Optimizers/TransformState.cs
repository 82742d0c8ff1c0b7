namespace Steepest.Optimizers;

/// <summary>The explicit state of one gradient transform (optax's state): buffers and counters, nothing hidden.</summary>
public abstract class TransformState
{
    /// <summary>Presents every buffer and counter to the visitor, prefixed by <paramref name="path"/>.</summary>
    public abstract void Visit(IStateVisitor visitor, string path);
}
