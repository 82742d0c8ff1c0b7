using System.Text.Json;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Training;
using Steepest.Training.Sweeps;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest plot a.jsonl b.jsonl -o cmp.png</c>: several training runs' curves in one figure; given sweep.json files
/// (from <c>steepest sweep</c>), their runs together in one learning-rate-transfer figure.
/// </summary>
public sealed class PlotCommand(CliOutput io) : Command<PlotSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, PlotSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Logs.Length == 0) throw new UsageException("give at least one JSONL log");
        string output = AtomicFile.ValidateTarget(settings.Output, "-o");
        if (settings.Logs.All(path => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            var sweeps = settings.Logs.Select(ReadSweep).ToList();
            if (sweeps.Select(s => s.Loss).Distinct().Count() > 1) throw new UsageException("the sweeps mix image (testLoss) and text (valLoss) runs");
            var all = sweeps.SelectMany(s => s.Runs).ToList();
            SweepPlot.Save(output, all, sweeps[0].Loss);
            io.Out.WriteLine($"plot: {output} ({all.Count} sweep run{(all.Count == 1 ? "" : "s")})");
            return CliHost.Success;
        }
        var logs = settings.Logs.Select(path => (Name: Path.GetFileNameWithoutExtension(path), Log: Read(path))).ToList();
        // Text runs are logged by step; a figure mixing them with epoch runs is drawn by epoch number.
        bool bySteps = logs.All(l => l.Log.BySteps);
        var runs = logs.Select(l => (l.Name, (IReadOnlyList<EpochMetrics>)l.Log.History)).ToList();
        TrainingCurvesPlot.Save(output, runs, bySteps);
        io.Out.WriteLine($"plot: {output} ({runs.Count} run{(runs.Count == 1 ? "" : "s")})");
        return CliHost.Success;
    }

    private static (List<SweepRun> Runs, string Loss) ReadSweep(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"sweep '{path}' does not exist");
        try
        {
            var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            var runs = root.GetProperty("runs").EnumerateArray().Select(r => new SweepRun(r.GetProperty("model").GetString()!, r.GetProperty("optimizer").GetString()!,
                r.GetProperty("learningRate").GetDouble(), r.GetProperty("seed").GetUInt64(), Number(r, "finalLoss"), Number(r, "testAccuracy") ?? Number(r, "valAccuracy"),
                Number(r, "seconds") ?? 0, r.GetProperty("diverged").GetBoolean(), Number(r, "timeToTarget"))).ToList();
            if (runs.Count == 0) throw new UsageException($"sweep '{path}' has no runs");
            return (runs, root.TryGetProperty("loss", out var loss) ? loss.GetString() ?? "testLoss" : "testLoss");
        }
        catch (JsonException)
        {
            throw new UsageException($"{path}: not a sweep.json from steepest sweep (not valid JSON)");
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"{path}: not a sweep.json from steepest sweep (a run lacks a field or has the wrong type)");
        }
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
                if (e.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
                double Get(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                bool isText = e.TryGetProperty("valLoss", out _);
                // The losses are what a curve is drawn from: present, and numbers (null stands for a loss that was not finite).
                foreach (string field in (string[])["trainLoss", isText ? "valLoss" : "testLoss"])
                    if (!e.TryGetProperty(field, out var v) || v.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                        throw new FormatException(v.ValueKind == JsonValueKind.Undefined ? $"no {field}" : $"{field} is not a number");
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
            catch (JsonException)
            {
                throw new UsageException($"{path}:{line}: not a training log line (not valid JSON)");
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                throw new UsageException($"{path}:{line}: not a training log line ({ex.Message})");
            }
        }
        if (history.Count == 0) throw new UsageException($"log '{path}' has no epochs");
        return (history, bySteps);
    }
}
