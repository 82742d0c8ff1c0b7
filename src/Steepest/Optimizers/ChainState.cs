namespace Steepest.Optimizers;

/// <summary>The states of a chain's transforms, in order.</summary>
public sealed class ChainState(TransformState[] states) : TransformState
{
    /// <summary>One state per chained transform.</summary>
    public TransformState[] States { get; } = states;

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        for (int i = 0; i < States.Length; i++) States[i].Visit(visitor, $"{path}/{i}");
    }
}
