namespace Steepest.Training;

/// <summary>What a run produced (complete on rank 0).</summary>
/// <param name="History">Metrics of every epoch, including those done before a resume.</param>
/// <param name="ParameterCount">Model size.</param>
/// <param name="Plan">How the optimizer executes (fused kernels, routing).</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, long ParameterCount, string Plan)
{
    /// <summary>The last epoch's metrics.</summary>
    public EpochMetrics Final => History[^1];
}
