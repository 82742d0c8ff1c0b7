using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Steepest.Cli.Infrastructure;
using Steepest.Models;
using Steepest.Training;
using Steepest.Training.Sweeps;

namespace Steepest.Cli.Presenters;

/// <summary>A sweep's result as text (the grid and the best rates) and as JSON: what <c>sweep</c> prints and saves.</summary>
internal static class SweepPresenter
{
    /// <summary>A learning rate as the sweep names it (logs, tables): six significant digits.</summary>
    internal static string Rate(double rate) => rate.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>sweep.json and sweep --json: every run with its log, and each (model, optimizer)'s best learning rate.</summary>
    internal static string Document(IReadOnlyList<SweepRun> runs, IReadOnlyList<string> logs, IReadOnlyList<SweepBest> best, string dataset,
        string lossName, SweepTarget? target, bool text) => Json.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("runs");
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            w.WriteStartObject();
            w.WriteString("model", r.Model);
            w.WriteString("optimizer", r.Optimizer);
            w.WriteNumber("learningRate", r.LearningRate);
            w.WriteNumber("seed", r.Seed);
            w.Number("finalLoss", r.FinalLoss);
            w.Number("testAccuracy", text ? null : r.Accuracy);
            w.Number("seconds", r.Seconds);
            w.WriteBoolean("diverged", r.Diverged);
            w.Number("timeToTarget", r.TimeToTarget);
            if (text) w.Number("valAccuracy", r.Accuracy);
            w.WriteString("log", logs[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("best");
        foreach (var b in best)
        {
            w.WriteStartObject();
            w.WriteString("model", b.Model);
            w.WriteString("optimizer", b.Optimizer);
            w.Number("learningRate", b.LearningRate);
            w.Number("meanFinalLoss", b.MeanFinalLoss);
            w.Number("stdFinalLoss", b.StdFinalLoss);
            w.Number("testAccuracy", text ? null : b.Accuracy);
            w.Number("timeToTarget", b.TimeToTarget);
            if (text) w.Number("valAccuracy", b.Accuracy);
            w.WriteNumber("seeds", b.Seeds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("transfer");
        foreach (var group in best.GroupBy(b => b.Optimizer))
        {
            w.WriteStartObject();
            w.WriteString("optimizer", group.Key);
            w.WriteStartArray("bestLearningRates");
            foreach (var b in group)
            {
                if (b.LearningRate is double rate) w.WriteNumberValue(rate);
                else w.WriteNullValue();
            }
            w.WriteEndArray();
            w.Number("spread", Spread(group));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("dataset", dataset);
        w.WriteString("loss", lossName);
        if (target is null) w.WriteNull("target");
        else
        {
            w.WriteStartObject("target");
            w.Number("loss", target.Loss);
            w.Number("accuracy", target.Accuracy);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    /// <summary>max/min of a group's best learning rates (1 when they agree), or null when any is missing.</summary>
    internal static double? Spread(IEnumerable<SweepBest> group)
    {
        var rates = group.Select(b => b.LearningRate).ToList();
        return rates.Count == 0 || rates.Any(r => r is null) ? null : rates.Max()!.Value / rates.Min()!.Value;
    }

    /// <summary>sweep's text: the loss grid over learning rates, then the best rate per (model, optimizer).</summary>
    internal static void Report(CliOutput io, IReadOnlyList<SweepRun> runs, IReadOnlyList<SweepBest> best, string lossName, SweepTarget? target, string folder, string? plot)
    {
        var rates = runs.Select(r => r.LearningRate).Distinct().Order().ToList();
        var grid = new Table().AddColumns(["model", "optimizer", .. rates.Select(r => $"lr {Rate(r)}")]);
        foreach (var b in best)
        {
            var cells = new List<string> { Markup.Escape(b.Model), b.Optimizer };
            foreach (double rate in rates)
            {
                var at = runs.Where(r => r.Model == b.Model && r.Optimizer == b.Optimizer && r.LearningRate == rate).ToList();
                string cell = at.Count == 0 ? "" : at.Any(r => r.Diverged) ? "diverged" : $"{at.Average(r => r.FinalLoss!.Value):F4}";
                cells.Add(rate == b.LearningRate ? $"[bold]{cell}[/]" : cell);
            }
            grid.AddRow([.. cells]);
        }
        io.Console.WriteLine($"mean final {lossName} over seeds (best in bold):");
        io.Console.Write(grid);
        string targetText = target is null ? "time to target" : target.Loss is double l ? $"time to {lossName} ≤ {l:G4}" : $"time to accuracy ≥ {target.Accuracy:P2}";
        var table = new Table().AddColumns("model", "optimizer", "best lr", $"final {lossName} (mean ± std)", "accuracy", targetText);
        foreach (var b in best)
            table.AddRow(Markup.Escape(b.Model), b.Optimizer, b.LearningRate is double r ? Rate(r) : "all diverged",
                b.MeanFinalLoss is double m ? $"{m:F4} ± {b.StdFinalLoss:F4}" : "-", b.Accuracy is double a ? $"{a:P2}" : "-",
                target is null ? "-" : b.TimeToTarget is double t ? $"{t:F1} s" : "not reached");
        io.Console.Write(table);
        if (best.Select(b => b.Model).Distinct().Count() > 1)
            foreach (var group in best.GroupBy(b => b.Optimizer))
                io.Console.WriteLine($"{group.Key}: best learning rate per model {string.Join(", ", group.Select(b => b.LearningRate is double r ? Rate(r) : "-"))}"
                    + (Spread(group) is double spread ? $" (max/min {spread:G3})" : ""));
        io.Console.WriteLine($"logs: {folder}{(plot is null ? "" : $"; plot: {plot}")}");
    }
}
