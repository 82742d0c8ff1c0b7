namespace Steepest.Training;

/// <summary>What a run produced (complete on rank 0).</summary>
/// <param name="History">Metrics of every evaluation, including those done before a resume.</param>
/// <param name="ParameterCount">Model size.</param>
/// <param name="Plan">How the optimizer executes (fused kernels, routing).</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, long ParameterCount, string Plan)
{
    /// <summary>The last evaluation's metrics.</summary>
    public EpochMetrics Final => History[^1];

    /// <summary>Seconds spent in training steps over the whole run (evaluation excluded).</summary>
    public double TrainSeconds => History.Sum(m => m.Seconds);

    /// <summary>True when the run was counted in steps.</summary>
    public bool CountsSteps { get; init; }

    /// <summary>Training targets per example: 1 for classification, the context for text.</summary>
    public int TargetsPerExample { get; init; } = 1;
}
