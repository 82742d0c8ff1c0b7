using ScottPlot;
using Steepest.Distributed;

namespace Steepest.Cli.Plots;

/// <summary>
/// MB sent per worker (and by the busiest rank, where that is another: the parameter server) and time per reduction
/// against the number of workers, for each strategy, on log axes with readable ticks; legends sit below the data.
/// </summary>
public static class CommunicationPlot
{
    /// <summary>Worker counts swept.</summary>
    private static readonly int[] Sweep = [2, 3, 4, 6, 8, 12, 16];

    /// <summary>
    /// Runs each strategy for n in the sweep (plus <paramref name="workers"/>) and writes the two panels to
    /// <paramref name="path"/>; a point already in <paramref name="measured"/> (what the caller has just printed) is
    /// drawn from there, not run again.
    /// </summary>
    public static void Save(string path, IReadOnlyList<string> strategies, int workers, int parameters, AlphaBetaModel model,
        int repeat, int seed, bool errorFeedback, TimeSpan timeout, IReadOnlyList<ReductionMeasurement>? measured = null)
    {
        var counts = Sweep.Append(workers).Distinct().Order().ToArray();
        var bytesPanel = new Plot();
        var timePanel = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        double low = double.PositiveInfinity, high = 0;
        foreach (string strategy in strategies)
        {
            var runs = counts.Select(n => measured?.FirstOrDefault(m => m.Strategy == strategy && m.Workers == n && m.Parameters == parameters)
                ?? ReductionExperiment.Run(strategy, n, parameters, model, repeat, seed, errorFeedback, timeout)).ToArray();
            var color = palette.GetColor(index++);
            var xs = Figure.Log10(runs.Select(r => (double)r.Workers));
            var bytes = bytesPanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.BytesPerWorker / 1e6)), color);
            bytes.LegendText = $"{strategy}: each worker";
            low = Math.Min(low, runs.Min(r => r.BytesPerWorker / 1e6));
            high = Math.Max(high, runs.Max(r => r.BusiestRankBytes / 1e6));
            if (runs.Any(r => r.BusiestRankBytes > r.BytesPerWorker))
            {
                var busiest = bytesPanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.BusiestRankBytes / 1e6)), color);
                busiest.LinePattern = LinePattern.Dashed;
                busiest.MarkerShape = MarkerShape.OpenSquare;
                busiest.LegendText = $"{strategy}: its busiest rank (the server)";
            }
            var measuredLine = timePanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.Seconds)), color);
            measuredLine.LegendText = $"{strategy} measured";
            var modeled = timePanel.Add.Scatter(xs, Figure.Log10(runs.Select(r => r.ModelSeconds)), color);
            modeled.LinePattern = LinePattern.Dashed;
            modeled.MarkerSize = 0;
            modeled.LegendText = $"{strategy} model";
        }
        foreach (var (panel, title, label) in new[] { (bytesPanel, $"MB sent per reduction, p = {parameters:N0} values", "MB sent"), (timePanel, "time per reduction (dashed: α–β model)", "seconds") })
        {
            panel.Title(title);
            panel.XLabel("workers n");
            panel.YLabel(label);
            Figure.LogTicksAt(panel.Axes.Bottom, counts.Select(n => (double)n));
            panel.ShowLegend(Edge.Bottom);
        }
        Figure.LogTicks125(bytesPanel.Axes.Left, low, high);
        Figure.LogScale(timePanel.Axes.Left);
        Figure.Save(path, [bytesPanel, timePanel], columns: 2, panelWidth: 720, panelHeight: 540);
    }
}
