namespace Steepest.Optimizers;

/// <summary>
/// The layout every named state (<see cref="Transforms.AdamState"/>, <see cref="Transforms.MomentumState"/>, …) shares:
/// named per-parameter fp32 buffers plus a step counter, presented to the state file as path/count then
/// path/slot/parameter for each slot in order.
/// </summary>
public abstract class PerParameterState : TransformState
{
    private readonly string[] parameterNames;
    private readonly string[] slotNames;
    private readonly float[][][] slots;
    private long count;

    /// <summary>Allocates one zeroed buffer per (slot, parameter), e.g. slots ["m", "v"] for Adam.</summary>
    protected PerParameterState(IReadOnlyList<Parameter> parameters, params string[] slots)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameterNames = parameters.Select(p => p.Name).ToArray();
        slotNames = slots;
        this.slots = slots.Select(_ => parameters.Select(p => new float[p.Length]).ToArray()).ToArray();
    }

    /// <summary>Steps taken so far (for bias correction and schedules).</summary>
    public ref long Count => ref count;

    /// <summary>The named slot's buffers, one per parameter: what a derived state exposes under the slot's name.</summary>
    protected float[][] Slot(int index) => slots[index];

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        visitor.Counter($"{path}/count", ref count);
        for (int s = 0; s < slots.Length; s++)
            for (int i = 0; i < parameterNames.Length; i++) visitor.Buffer($"{path}/{slotNames[s]}/{parameterNames[i]}", slots[s][i]);
    }
}
