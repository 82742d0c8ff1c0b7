namespace Steepest.Training.Sweeps;

/// <summary>
/// The best learning rate of one (model, optimizer): the one with the lowest mean final loss over seeds, with that mean,
/// its sample standard deviation (0 for one seed), the mean accuracy and the mean time to target (null unless every seed
/// reached it). Everything but the names is null when every learning rate diverged for some seed.
/// </summary>
public sealed record SweepBest(string Model, string Optimizer, double? LearningRate, double? MeanFinalLoss, double? StdFinalLoss,
    double? Accuracy, double? TimeToTarget, int Seeds);
