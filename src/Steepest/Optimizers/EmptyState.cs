namespace Steepest.Optimizers;

/// <summary>The state of a stateless transform.</summary>
public sealed class EmptyState : TransformState
{
    /// <summary>The shared instance.</summary>
    public static EmptyState Instance { get; } = new();

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path) { }
}
