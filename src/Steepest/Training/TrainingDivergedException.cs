namespace Steepest.Training;

/// <summary>The loss became NaN or infinite; the message names the epoch and step (or the step, for runs counted in steps).</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Divergence at 1-based <paramref name="step"/> of 1-based <paramref name="epoch"/>.</summary>
    public TrainingDivergedException(int epoch, int step, double loss)
        : base($"training diverged: the loss is {loss} at epoch {epoch}, step {step}; try a smaller --lr") => (Epoch, Step) = (epoch, step);

    /// <summary>Divergence at 1-based global <paramref name="step"/> of a run counted in steps.</summary>
    public TrainingDivergedException(long step, double loss)
        : base($"training diverged: the loss is {loss} at step {step}; try a smaller --lr") => Step = step;

    /// <summary>1-based epoch (0 for runs counted in steps).</summary>
    public int Epoch { get; }

    /// <summary>1-based step within the epoch, or in the run.</summary>
    public long Step { get; }
}
