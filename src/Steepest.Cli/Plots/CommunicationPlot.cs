using ScottPlot;
using Steepest.Distributed;

namespace Steepest.Cli.Plots;

/// <summary>Bytes sent per worker and time per reduction against the number of workers, for each strategy, on log axes.</summary>
public static class CommunicationPlot
{
    /// <summary>Worker counts swept.</summary>
    private static readonly int[] Sweep = [2, 3, 4, 6, 8, 12, 16];

    /// <summary>Reruns each strategy for n in the sweep (plus <paramref name="workers"/>) and writes the two panels to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<string> strategies, int workers, int parameters, AlphaBetaModel model,
        int repeat, int seed, bool errorFeedback, TimeSpan timeout)
    {
        var counts = Sweep.Append(workers).Distinct().Order().ToArray();
        var bytesPanel = new Plot();
        var timePanel = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (string strategy in strategies)
        {
            var runs = counts.Select(n => ReductionExperiment.Run(strategy, n, parameters, model, repeat, seed, errorFeedback, timeout)).ToArray();
            var color = palette.GetColor(index++);
            var xs = Figure.Log10(runs.Select(r => (double)r.Workers));
            var bytes = bytesPanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => (double)r.BytesPerWorker)), color);
            bytes.LegendText = strategy;
            var measured = timePanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.Seconds)), color);
            measured.LegendText = $"{strategy} measured";
            var modeled = timePanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.ModelSeconds)), color);
            modeled.LinePattern = LinePattern.Dashed;
            modeled.MarkerSize = 0;
            modeled.LegendText = $"{strategy} model";
        }
        foreach (var (panel, title, label) in new[] { (bytesPanel, $"bytes sent per worker, p = {parameters:N0}", "bytes per worker"), (timePanel, "time per reduction (dashed: α–β model)", "seconds") })
        {
            panel.Title(title);
            panel.XLabel("workers n");
            panel.YLabel(label);
            Figure.LogTicksAt(panel.Axes.Bottom, counts.Select(n => (double)n));
            Figure.LogScale(panel.Axes.Left);
            panel.ShowLegend(Alignment.UpperLeft);
        }
        Figure.Save(path, [bytesPanel, timePanel], columns: 2, panelWidth: 720, panelHeight: 540);
    }
}
