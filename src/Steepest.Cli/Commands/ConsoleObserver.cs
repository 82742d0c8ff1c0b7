using Spectre.Console;
using Steepest.Cli.Infrastructure;
using Steepest.Training;

namespace Steepest.Cli.Commands;

/// <summary>
/// Shows training progress: a Spectre progress bar per epoch with live loss and accuracy on a terminal, one line per
/// epoch when the output is redirected, nothing with --json. Also appends each epoch to the JSONL log.
/// </summary>
public sealed class ConsoleObserver(CliOutput io, bool quiet, JsonlLog? log) : ITrainingObserver
{
    private ProgressContext? progress;
    private ProgressTask? task;
    private int lastEpoch;

    /// <summary>Runs <paramref name="train"/> inside a live progress display when the console is interactive.</summary>
    public T Track<T>(int epochs, Func<T> train)
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
    public void OnStep(int epoch, int step, int stepsPerEpoch, double runningLoss, double runningAccuracy)
    {
        if (progress is null) return;
        if (epoch != lastEpoch || task is null)
        {
            task = progress.AddTask($"epoch {epoch}", maxValue: stepsPerEpoch);
            lastEpoch = epoch;
        }
        task.Value = step;
        if (step % 10 == 0 || step == stepsPerEpoch)
            task.Description = $"epoch {epoch}: loss {runningLoss:F4}, acc {runningAccuracy:P1}";
    }

    /// <inheritdoc/>
    public void OnEpoch(EpochMetrics metrics)
    {
        log?.Write(metrics);
        if (task is not null) task.Description = $"epoch {metrics.Epoch}: loss {metrics.TrainLoss:F4}, test acc {metrics.TestAccuracy:P2}";
        else if (!quiet)
            io.Out.WriteLine($"epoch {metrics.Epoch}: train loss {metrics.TrainLoss:F4}, train acc {metrics.TrainAccuracy:P2}, test loss {metrics.TestLoss:F4}, " +
                $"test acc {metrics.TestAccuracy:P2}, {metrics.Seconds:F2} s, {metrics.SamplesPerSecond:N0} samples/s");
    }
}
