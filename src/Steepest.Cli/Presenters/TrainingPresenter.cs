using System.Globalization;
using Spectre.Console;
using Steepest.Cli.Commands;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Training;

namespace Steepest.Cli.Presenters;

/// <summary>A training result as text (the per-round table and a summary line) and as JSON: what <c>train</c> prints.</summary>
internal static class TrainingPresenter
{
    /// <summary>The final table (or JSON), and the curves plot.</summary>
    internal static void Report(TrainCommand.PreparedRun plan, TrainingResult result, CliOutput io, bool json)
    {
        if (plan.PlotPath is not null) TrainingCurvesPlot.Save(plan.PlotPath, [(plan.Options.Optimizer, result.History)], result.CountsSteps);
        var final = result.Final;
        var options = plan.Options;
        bool text = result.CountsSteps;
        double trainSeconds = result.TrainSeconds;
        long steps = final.Step;
        double tokens = (double)steps * options.Batch * result.TargetsPerExample;
        // For text an epoch is a pass over the training tokens' worth of targets.
        double epochs = text ? tokens / plan.Data.TrainCount : final.Epoch;
        double secondsPerEpoch = text ? trainSeconds / epochs : result.History.Average(m => m.Seconds);
        double samplesPerSecond = text ? steps * options.Batch / trainSeconds : result.History.Average(m => m.SamplesPerSecond);
        double tokensPerSecond = tokens / trainSeconds;
        string strategy = options.Workers > 1 || plan.Backend == "mpi" ? options.Strategy : "none";
        if (json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.Number("testAccuracy", final.TestAccuracy);
                w.Number("testLoss", final.TestLoss);
                if (text) w.Number("epochs", epochs);
                else w.WriteNumber("epochs", final.Epoch);
                w.Number("secondsPerEpoch", secondsPerEpoch);
                w.Number("samplesPerSecond", samplesPerSecond);
                w.WriteString("optimizer", options.Optimizer);
                w.WriteNumber("workers", options.Workers);
                w.WriteString("strategy", strategy);
                w.WriteString("model", options.Model.ToString());
                w.WriteString("dataset", plan.Data.Name);
                w.WriteNumber("batch", options.Batch);
                w.WriteNumber("parameters", result.ParameterCount);
                w.Number("trainLoss", final.TrainLoss);
                w.Number("trainAccuracy", final.TrainAccuracy);
                w.Number("trainSeconds", trainSeconds);
                if (text)
                {
                    w.Number("valLoss", final.TestLoss);
                    w.Number("valAccuracy", final.TestAccuracy);
                    w.WriteNumber("steps", steps);
                    w.Number("tokensPerSecond", tokensPerSecond);
                    w.WriteNumber("context", result.TargetsPerExample);
                    w.WriteNumber("vocabulary", plan.Data.Shape.Classes);
                }
                w.WriteString("plan", result.Plan);
                w.WriteEndObject();
            }));
            return;
        }
        var table = new Table().AddColumns(text ? "step" : "epoch", "train loss", "train acc", text ? "val loss" : "test loss", text ? "val acc" : "test acc",
            "seconds", text ? "tokens/s" : "samples/s", "lr");
        foreach (var m in result.History)
            table.AddRow(text ? $"{m.Step}" : $"{m.Epoch}", $"{m.TrainLoss:F4}", $"{m.TrainAccuracy:P2}", $"{m.TestLoss:F4}", $"{m.TestAccuracy:P2}", $"{m.Seconds:F2}",
                text ? $"{m.TokensPerSecond:N0}" : $"{m.SamplesPerSecond:N0}", m.LearningRate.ToString("G3", CultureInfo.InvariantCulture));
        io.Console.Write(table);
        string workers = $"{options.Workers} worker{(options.Workers == 1 ? "" : "s")}{(strategy == "none" ? "" : $" ({strategy})")}";
        string summary = text
            ? $"validation loss {final.TestLoss:F4} nats/byte after {steps} steps, {trainSeconds:F1} s of training, {tokensPerSecond:N0} tokens/s"
            : $"test accuracy {final.TestAccuracy:P2}, {secondsPerEpoch:F2} s/epoch, {samplesPerSecond:N0} samples/s";
        io.Console.WriteLine($"{options.Model} ({result.ParameterCount:N0} parameters), {options.Optimizer} [{result.Plan}], batch {options.Batch}, {workers}: {summary}");
        if (plan.PlotPath is not null) io.Console.WriteLine($"plot: {plan.PlotPath}");
    }
}
