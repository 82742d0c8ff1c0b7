using ScottPlot;
using Steepest.Training.Sweeps;

namespace Steepest.Cli.Plots;

/// <summary>The learning-rate-transfer figure: final loss against learning rate (both log), one panel per optimizer, one colour per model.</summary>
public static class SweepPlot
{
    /// <summary>Writes the figure atomically to <paramref name="path"/>; diverged runs leave gaps, marked by a cross at the panel's top.</summary>
    public static void Save(string path, IReadOnlyList<SweepRun> runs, string lossName)
    {
        var models = runs.Select(r => r.Model).Distinct().ToList();
        var panels = new List<Plot>();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (string optimizer in runs.Select(r => r.Optimizer).Distinct())
        {
            var plot = new Plot();
            var mine = runs.Where(r => r.Optimizer == optimizer).ToList();
            double top = mine.Where(r => r.FinalLoss is double l && l > 0).Select(r => r.FinalLoss!.Value).DefaultIfEmpty(1).Max();
            bool divergedShown = false;
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int k = 0; k < models.Count; k++)
            {
                var color = palette.GetColor(k);
                var atRates = mine.Where(r => r.Model == models[k]).GroupBy(r => r.LearningRate).OrderBy(g => g.Key).ToList();
                var finished = atRates.Where(g => g.All(r => r.FinalLoss is double l && l > 0)).ToList();
                if (finished.Count > 0)
                {
                    double[] means = finished.Select(g => g.Average(r => r.FinalLoss!.Value)).ToArray();
                    low = Math.Min(low, means.Min());
                    high = Math.Max(high, means.Max());
                    var line = plot.Add.Scatter(Figure.Log10(finished.Select(g => g.Key)), Figure.Log10(means), color);
                    line.LegendText = models[k];
                    line.MarkerSize = 7;
                }
                var diverged = atRates.Where(g => g.Any(r => r.Diverged)).Select(g => g.Key).ToArray();
                if (diverged.Length > 0)
                {
                    var crosses = plot.Add.Markers(Figure.Log10(diverged), Enumerable.Repeat(Math.Log10(top) + 0.1 + 0.02 * k, diverged.Length).ToArray(), MarkerShape.Eks, 9, color);
                    // One legend entry says what a cross means; the colour says whose it is.
                    if (!divergedShown) crosses.LegendText = "× diverged";
                    divergedShown = true;
                    high = Math.Max(high, top * Math.Pow(10, 0.1 + 0.02 * k));
                }
            }
            plot.Title(optimizer);
            plot.XLabel("learning rate");
            plot.YLabel($"final {lossName}");
            Figure.LogScale(plot.Axes.Bottom);
            if (double.IsFinite(low)) Figure.LogTicks125(plot.Axes.Left, low, high);
            else Figure.LogScale(plot.Axes.Left);
            // Below the data area, so it never covers the ends of the curves, where the losses are highest.
            plot.ShowLegend(Edge.Bottom);
            panels.Add(plot);
        }
        Figure.Save(path, panels, columns: Math.Min(3, panels.Count), panelWidth: 560, panelHeight: 460);
    }
}
