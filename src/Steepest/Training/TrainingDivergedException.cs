namespace Steepest.Training;

/// <summary>The loss became NaN or infinite; the message names the epoch and step.</summary>
public sealed class TrainingDivergedException(int epoch, int step, double loss)
    : Exception($"training diverged: the loss is {loss} at epoch {epoch}, step {step}; try a smaller --lr")
{
    /// <summary>1-based epoch.</summary>
    public int Epoch { get; } = epoch;
    /// <summary>1-based step within the epoch.</summary>
    public int Step { get; } = step;
}
