using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// One dualizer (with its scratch) per parameter, null where the transform leaves a parameter alone: the working state
/// of <see cref="Orthogonalize"/> and <see cref="ScaleByModularDirection"/>. It is rebuilt by Init, so nothing is saved.
/// </summary>
public sealed class DualizerState(Dualizer?[] dualizers) : TransformState
{
    /// <summary>ForParameter[i] dualizes parameter i's update in place.</summary>
    public Dualizer?[] ForParameter { get; } = dualizers;

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path) { }
}
