namespace Steepest.Optimizers;

/// <summary>State made of named per-parameter buffers (moments, accumulators) plus a step counter.</summary>
public sealed class PerParameterState : TransformState
{
    private readonly string[] parameterNames;
    private readonly string[] slotNames;
    private long count;

    /// <summary>Allocates one zeroed buffer per (slot, parameter), e.g. slots ["m", "v"] for Adam.</summary>
    public PerParameterState(IReadOnlyList<Parameter> parameters, params string[] slots)
    {
        parameterNames = parameters.Select(p => p.Name).ToArray();
        slotNames = slots;
        Slots = slots.Select(_ => parameters.Select(p => new float[p.Length]).ToArray()).ToArray();
    }

    /// <summary>Slots[s][i] is slot s's buffer for parameter i.</summary>
    public float[][][] Slots { get; }

    /// <summary>Steps taken so far (for bias correction and schedules).</summary>
    public ref long Count => ref count;

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        visitor.Counter($"{path}/count", ref count);
        for (int s = 0; s < Slots.Length; s++)
            for (int i = 0; i < parameterNames.Length; i++) visitor.Buffer($"{path}/{slotNames[s]}/{parameterNames[i]}", Slots[s][i]);
    }
}
