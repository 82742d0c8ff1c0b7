using Spectre.Console;
using Steepest.Cli.Infrastructure;
using Steepest.Training;

namespace Steepest.Cli.Commands;

/// <summary>
/// Shows training progress: on a terminal a Spectre progress bar per epoch (one bar over all steps, for text) with
/// the live loss and accuracy; one line per evaluation when the output is redirected; nothing with --json. Also
/// appends each evaluation to the JSONL log.
/// </summary>
public sealed class ConsoleObserver(CliOutput io, bool quiet, JsonlLog? log) : ITrainingObserver
{
    private ProgressContext? progress;
    private ProgressTask? task;
    private int lastRound;
    private bool countsSteps;

    /// <summary>Runs <paramref name="train"/> inside a live progress display when the console is interactive.</summary>
    public T Track<T>(Func<T> train)
    {
        if (quiet || !io.Console.Profile.Capabilities.Interactive) return train();
        T result = default!;
        io.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                progress = context;
                result = train();
            });
        return result;
    }

    /// <inheritdoc/>
    public void OnStep(TrainingProgress p)
    {
        countsSteps = p.CountsSteps;
        if (progress is null) return;
        if (p.CountsSteps)
        {
            task ??= progress.AddTask("steps", maxValue: p.TotalSteps);
            task.Value = p.Step;
            if (p.Step % 10 == 0 || p.Step == p.TotalSteps)
                task.Description = $"step {p.Step}/{p.TotalSteps}: loss {p.RunningLoss:F4}, acc {p.RunningAccuracy:P1}";
            return;
        }
        if (p.Round != lastRound || task is null)
        {
            task = progress.AddTask($"epoch {p.Round}", maxValue: p.StepsInRound);
            lastRound = p.Round;
        }
        task.Value = p.StepInRound;
        if (p.StepInRound % 10 == 0 || p.StepInRound == p.StepsInRound)
            task.Description = $"epoch {p.Round}: loss {p.RunningLoss:F4}, acc {p.RunningAccuracy:P1}";
    }

    /// <inheritdoc/>
    public void OnEvaluation(EpochMetrics metrics)
    {
        log?.Write(metrics, countsSteps);
        if (countsSteps)
        {
            if (task is not null) task.Description = $"step {metrics.Step}: loss {metrics.TrainLoss:F4}, val loss {metrics.TestLoss:F4}";
            else if (!quiet)
                io.Out.WriteLine($"step {metrics.Step}: train loss {metrics.TrainLoss:F4}, val loss {metrics.TestLoss:F4}, val acc {metrics.TestAccuracy:P2}, " +
                    $"{metrics.Seconds:F2} s, {metrics.TokensPerSecond:N0} tokens/s");
            return;
        }
        if (task is not null) task.Description = $"epoch {metrics.Epoch}: loss {metrics.TrainLoss:F4}, test acc {metrics.TestAccuracy:P2}";
        else if (!quiet)
            io.Out.WriteLine($"epoch {metrics.Epoch}: train loss {metrics.TrainLoss:F4}, train acc {metrics.TrainAccuracy:P2}, test loss {metrics.TestLoss:F4}, " +
                $"test acc {metrics.TestAccuracy:P2}, {metrics.Seconds:F2} s, {metrics.SamplesPerSecond:N0} samples/s");
    }
}
