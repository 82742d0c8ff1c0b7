namespace Steepest.Training;

/// <summary>
/// One evaluation's results: training loss and accuracy over the round before it, evaluation loss and accuracy after
/// it, and speed. A round is an epoch for labelled sets; for text it is the steps since the previous evaluation, and
/// the test fields hold the validation windows' loss (nats per token) and next-token accuracy.
/// </summary>
/// <param name="Epoch">1-based epoch (for text: 1-based evaluation number).</param>
/// <param name="TrainLoss">Mean cross-entropy per target over the round's batches (the model changing as it goes).</param>
/// <param name="TrainAccuracy">Fraction of training targets predicted right during the round.</param>
/// <param name="TestLoss">Mean cross-entropy on the test split (or validation windows) after the round.</param>
/// <param name="TestAccuracy">Fraction of the test targets predicted right, in [0, 1].</param>
/// <param name="Seconds">Wall time of the round's training steps.</param>
/// <param name="SamplesPerSecond">Training examples (images, or windows) per second.</param>
/// <param name="LearningRate">The base learning rate at the round's end.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy,
    double Seconds, double SamplesPerSecond, double LearningRate)
{
    /// <summary>Steps done in the whole run at this evaluation.</summary>
    public long Step { get; init; }

    /// <summary>Training targets (tokens, for text) per second.</summary>
    public double TokensPerSecond { get; init; }
}
