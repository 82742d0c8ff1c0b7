namespace Steepest.Optimizers.Transforms;

/// <summary>The state of a <see cref="Partition"/>: each label's parameter indices and its transform's state.</summary>
public sealed class PartitionState((string Label, int[] Indices, TransformState State)[] groups) : TransformState
{
    /// <summary>One entry per non-empty label.</summary>
    public (string Label, int[] Indices, TransformState State)[] Groups { get; } = groups;

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        foreach (var (label, _, state) in Groups) state.Visit(visitor, $"{path}/{label}");
    }
}
