namespace Steepest.Training;

/// <summary>Receives progress from rank 0 while a run trains (progress bars, logs, checkpoints' side effects).</summary>
public interface ITrainingObserver
{
    /// <summary>After each step: the epoch, step in epoch, steps per epoch, and the running mean loss and accuracy of rank 0's shard.</summary>
    void OnStep(int epoch, int step, int stepsPerEpoch, double runningLoss, double runningAccuracy);

    /// <summary>After each epoch's evaluation.</summary>
    void OnEpoch(EpochMetrics metrics);
}
