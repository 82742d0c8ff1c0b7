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
        var runs = settings.Logs.Select(path => (Path.GetFileNameWithoutExtension(path), (IReadOnlyList<EpochMetrics>)Read(path))).ToList();
        TrainingCurvesPlot.Save(output, runs);
        io.Out.WriteLine($"plot: {output} ({runs.Count} run{(runs.Count == 1 ? "" : "s")})");
        return CliHost.Success;
    }

    private static List<EpochMetrics> Read(string path)
    {
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
                if (!e.TryGetProperty("epoch", out var epoch) || epoch.ValueKind != JsonValueKind.Number) throw new FormatException("no epoch number");
                history.Add(new EpochMetrics(epoch.GetInt32(), Get("trainLoss"), Get("trainAccuracy"), Get("testLoss"), Get("testAccuracy"),
                    Get("seconds"), Get("samplesPerSecond"), Get("learningRate")));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                throw new UsageException($"{path}:{line}: not a training log line ({ex.Message})");
            }
        }
        if (history.Count == 0) throw new UsageException($"log '{path}' has no epochs");
        return history;
    }
}
