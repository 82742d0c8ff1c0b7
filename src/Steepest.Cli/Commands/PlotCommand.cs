using System.Text.Json;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Training;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest plot a.jsonl b.jsonl -o cmp.png</c>: several training runs' curves in one figure.</summary>
public sealed class PlotCommand(CliOutput io) : Command<PlotSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, PlotSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Logs.Length == 0) throw new UsageException("give at least one JSONL log");
        string output = AtomicFile.ValidateTarget(settings.Output, "-o");
        var logs = settings.Logs.Select(path => (Name: Path.GetFileNameWithoutExtension(path), Log: Read(path))).ToList();
        // Text runs are logged by step; a figure mixing them with epoch runs is drawn by epoch number.
        bool bySteps = logs.All(l => l.Log.BySteps);
        var runs = logs.Select(l => (l.Name, (IReadOnlyList<EpochMetrics>)l.Log.History)).ToList();
        TrainingCurvesPlot.Save(output, runs, bySteps);
        io.Out.WriteLine($"plot: {output} ({runs.Count} run{(runs.Count == 1 ? "" : "s")})");
        return CliHost.Success;
    }

    private static (List<EpochMetrics> History, bool BySteps) Read(string path)
    {
        bool bySteps = true;
        if (!File.Exists(path)) throw new UsageException($"log '{path}' does not exist");
        var history = new List<EpochMetrics>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                var e = JsonDocument.Parse(text).RootElement;
                double Get(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                bool isText = e.TryGetProperty("valLoss", out _);
                bySteps &= isText;
                string round = isText ? "evaluation" : "epoch";
                if (!e.TryGetProperty(round, out var number) || number.ValueKind != JsonValueKind.Number) throw new FormatException($"no {round} number");
                if (!e.TryGetProperty("step", out var step) || step.ValueKind != JsonValueKind.Number) step = default;
                history.Add(new EpochMetrics(number.GetInt32(), Get("trainLoss"), Get("trainAccuracy"), Get(isText ? "valLoss" : "testLoss"),
                    Get(isText ? "valAccuracy" : "testAccuracy"), Get("seconds"), Get("samplesPerSecond"), Get("learningRate"))
                {
                    Step = step.ValueKind == JsonValueKind.Number ? step.GetInt64() : 0,
                    TokensPerSecond = Get("tokensPerSecond"),
                });
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                throw new UsageException($"{path}:{line}: not a training log line ({ex.Message})");
            }
        }
        if (history.Count == 0) throw new UsageException($"log '{path}' has no epochs");
        return (history, bySteps);
    }
}
