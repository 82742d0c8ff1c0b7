namespace Steepest.Training.Sweeps;

/// <summary>What a run must reach for its time to target: a loss at or below <paramref name="Loss"/>, or an accuracy at or above <paramref name="Accuracy"/>.</summary>
public sealed record SweepTarget(double? Loss, double? Accuracy)
{
    /// <summary>True when <paramref name="metrics"/> meets the target.</summary>
    public bool IsMetBy(EpochMetrics metrics) =>
        (Loss is double loss && metrics.TestLoss <= loss) || (Accuracy is double accuracy && metrics.TestAccuracy >= accuracy);

    /// <summary>Training seconds summed up to the first evaluation that meets the target, or null.</summary>
    public double? TimeIn(IEnumerable<EpochMetrics> history)
    {
        double seconds = 0;
        foreach (var metrics in history)
        {
            seconds += metrics.Seconds;
            if (IsMetBy(metrics)) return seconds;
        }
        return null;
    }
}
