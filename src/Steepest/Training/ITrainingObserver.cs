namespace Steepest.Training;

/// <summary>Receives progress from rank 0 while a run trains (progress bars, logs, checkpoints' side effects).</summary>
public interface ITrainingObserver
{
    /// <summary>After each step.</summary>
    void OnStep(TrainingProgress progress);

    /// <summary>After each evaluation (every epoch, or every --eval-every steps), once its checkpoint is saved.</summary>
    void OnEvaluation(EpochMetrics metrics);
}
