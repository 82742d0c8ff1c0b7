namespace Steepest.Training;

/// <summary>Where a run is after a step, for progress displays (a struct: reporting it allocates nothing).</summary>
/// <param name="Round">1-based epoch (or evaluation round, for runs counted in steps).</param>
/// <param name="StepInRound">1-based step within the round.</param>
/// <param name="StepsInRound">Steps in the round.</param>
/// <param name="Step">Steps done in the whole run.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="RunningLoss">Mean loss per target over the round so far, on rank 0's shard.</param>
/// <param name="RunningAccuracy">Fraction of rank 0's targets predicted right over the round so far.</param>
/// <param name="CountsSteps">True when the run is counted in steps rather than epochs.</param>
public readonly record struct TrainingProgress(int Round, int StepInRound, int StepsInRound, long Step, long TotalSteps,
    double RunningLoss, double RunningAccuracy, bool CountsSteps);
