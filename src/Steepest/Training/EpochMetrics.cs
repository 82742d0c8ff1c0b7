namespace Steepest.Training;

/// <summary>One epoch's results: training loss and accuracy over the epoch, test loss and accuracy after it, and speed.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's batches (the model changing as it goes).</param>
/// <param name="TrainAccuracy">Fraction of training examples classified right during the epoch.</param>
/// <param name="TestLoss">Mean cross-entropy on the test split after the epoch.</param>
/// <param name="TestAccuracy">Fraction of the test split classified right, in [0, 1].</param>
/// <param name="Seconds">Wall time of the epoch's training steps.</param>
/// <param name="SamplesPerSecond">Training examples per second.</param>
/// <param name="LearningRate">The base learning rate at the epoch's end.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy,
    double Seconds, double SamplesPerSecond, double LearningRate);
