using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// The working state of <see cref="ScaleBySteepestDirection"/>: each parameter's norm and two double buffers for its
/// gradient and step. It is rebuilt by Init, so nothing is saved.
/// </summary>
public sealed class SteepestDirectionState(Norm[] norms, IReadOnlyList<Parameter> parameters) : TransformState
{
    /// <summary>The norm parameter i steps in.</summary>
    public Norm[] ForParameter { get; } = norms;

    /// <summary>Parameter i's update, widened to double.</summary>
    public double[][] Gradient { get; } = parameters.Select(p => new double[p.Length]).ToArray();

    /// <summary>Parameter i's steepest step, in double.</summary>
    public double[][] Direction { get; } = parameters.Select(p => new double[p.Length]).ToArray();

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path) { }
}
