namespace Steepest.Training;

/// <summary>
/// One rank's view of a run's data: global step s (0-based) has a global batch of <see cref="BatchSize"/> examples,
/// which every rank can fill any part of; evaluation happens after each round, at <see cref="RoundEnd"/>.
/// The examples of a step depend only on the seed and the step, so the step count is the whole random state.
/// </summary>
public abstract class BatchSampler
{
    /// <summary>Steps in the whole run.</summary>
    public abstract long TotalSteps { get; }

    /// <summary>The step count at the end of the round that contains step <paramref name="step"/> (an epoch, or the next evaluation).</summary>
    public abstract long RoundEnd(long step);

    /// <summary>Examples in step <paramref name="step"/>'s global batch.</summary>
    public abstract int BatchSize(long step);

    /// <summary>Writes examples [first, first + count) of step <paramref name="step"/>'s global batch: their inputs and their targets.</summary>
    public abstract void Fill(long step, int first, int count, Span<float> inputs, Span<int> targets);

    /// <summary>Examples in the evaluation set (the test split, or the fixed validation windows).</summary>
    public abstract int EvaluationCount { get; }

    /// <summary>Writes evaluation examples [first, first + count).</summary>
    public abstract void FillEvaluation(int first, int count, Span<float> inputs, Span<int> targets);
}
