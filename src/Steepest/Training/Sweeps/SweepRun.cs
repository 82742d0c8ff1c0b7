namespace Steepest.Training.Sweeps;

/// <summary>
/// One run of a learning-rate sweep: its grid point and outcome. <paramref name="FinalLoss"/> is the last evaluation's
/// test loss (validation loss for text) and is null when the run diverged; <paramref name="TimeToTarget"/> is the training
/// time until the first evaluation that met the target, null when none did (or no target was set).
/// </summary>
public sealed record SweepRun(string Model, string Optimizer, double LearningRate, ulong Seed, double? FinalLoss, double? Accuracy,
    double Seconds, bool Diverged, double? TimeToTarget);
