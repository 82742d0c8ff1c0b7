namespace Steepest.Optimizers.Precision;

/// <summary>
/// A transform's moments in a storage precision (bf16 or int8), one <see cref="MomentBuffer"/> per (slot, parameter),
/// plus its step counter. Parameters shorter than <see cref="StatePrecisions.MinimumCompressedLength"/> keep fp32.
/// </summary>
internal sealed class CompressedState : TransformState
{
    private readonly string[] parameterNames;
    private readonly string[] slotNames;
    private long count;

    /// <summary>Zeroed moments; <paramref name="signed"/>[s] says whether slot s takes negative values (m: yes, v: no).</summary>
    public CompressedState(IReadOnlyList<Parameter> parameters, StatePrecision precision, string[] slots, bool[] signed)
    {
        parameterNames = parameters.Select(p => p.Name).ToArray();
        slotNames = slots;
        Precision = precision;
        Moments = slots.Select((_, s) => parameters.Select(p => MomentBuffer.Create(precision, p.Length, signed[s])).ToArray()).ToArray();
    }

    /// <summary>The precision asked for.</summary>
    public StatePrecision Precision { get; }

    /// <summary>Moments[s][i]: slot s of parameter i.</summary>
    public MomentBuffer[][] Moments { get; }

    /// <summary>Steps taken so far.</summary>
    public ref long Count => ref count;

    /// <summary>Bytes the moments occupy, scales included.</summary>
    public long Bytes => Moments.SelectMany(slot => slot).Sum(m => m.Bytes);

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        visitor.Counter($"{path}/count", ref count);
        for (int s = 0; s < Moments.Length; s++)
            for (int i = 0; i < parameterNames.Length; i++) Moments[s][i].Visit(visitor, $"{path}/{slotNames[s]}/{parameterNames[i]}");
    }
}
