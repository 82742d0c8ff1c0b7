namespace Steepest.Optimizers.Transforms;

/// <summary>
/// The state of <see cref="ScaleByEpochPreconditioner"/>: the running root mean square of this epoch's updates, the
/// previous epoch's, the step count, and where the current epoch began.
/// </summary>
public sealed class EpochPreconditionerState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters, "rms", "previous_rms")
{
    private long lastEpoch = long.MinValue, stepsInEpoch, hasPreconditioner;

    /// <summary>√(mean of u² over this epoch so far), one buffer per parameter.</summary>
    public float[][] Rms => Slot(0);

    /// <summary>The same over the previous complete epoch.</summary>
    public float[][] PreviousRms => Slot(1);

    /// <summary>The epoch of the last step (long.MinValue before the first).</summary>
    public long LastEpoch { get => lastEpoch; set => lastEpoch = value; }

    /// <summary>Steps taken in the current epoch.</summary>
    public long StepsInEpoch { get => stepsInEpoch; set => stepsInEpoch = value; }

    /// <summary>1 once an epoch has completed, so <see cref="PreviousRms"/> holds one; 0 before.</summary>
    public long HasPreconditioner { get => hasPreconditioner; set => hasPreconditioner = value; }

    /// <inheritdoc/>
    public override void Visit(IStateVisitor visitor, string path)
    {
        base.Visit(visitor, path);
        visitor.Counter($"{path}/last_epoch", ref lastEpoch);
        visitor.Counter($"{path}/steps_in_epoch", ref stepsInEpoch);
        visitor.Counter($"{path}/has_preconditioner", ref hasPreconditioner);
    }
}
