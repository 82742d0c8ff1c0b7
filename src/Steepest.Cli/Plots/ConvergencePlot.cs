using ScottPlot;
using Steepest.Convergence;

namespace Steepest.Cli.Plots;

/// <summary>Trajectories of θ in two coordinates with the predicted limits, beside the loss against iterations (log axes).</summary>
public static class ConvergencePlot
{
    /// <summary>Writes the two panels atomically to <paramref name="path"/>; θ is shown in coordinates (I, J), 0-based.</summary>
    public static void Save(string path, IReadOnlyList<ConvergenceResult> runs, (int I, int J) coords)
    {
        var trajectories = new Plot();
        var losses = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < runs.Count; k++)
        {
            var r = runs[k];
            var color = palette.GetColor(k);
            var path2 = trajectories.Add.Scatter(r.Trajectory.Select(t => t.Theta[coords.I]).ToArray(), r.Trajectory.Select(t => t.Theta[coords.J]).ToArray(), color);
            path2.LegendText = r.Optimizer;
            path2.MarkerSize = 3;
            if (r.Predicted is not null)
            {
                var star = trajectories.Add.Marker(r.Predicted[coords.I], r.Predicted[coords.J], MarkerShape.OpenCircle, 12, color);
                star.LegendText = $"{r.Optimizer} predicted";
            }
            var positive = r.Trajectory.Where(t => t.Step > 0 && t.Loss > 0).ToArray();
            if (positive.Length > 0)
            {
                var curve = losses.Add.Scatter(Figure.Log10(positive.Select(t => (double)t.Step)), Figure.Log10(positive.Select(t => t.Loss)), color);
                curve.LegendText = r.Optimizer;
                curve.MarkerSize = 2;
            }
        }
        trajectories.Title($"trajectories in (θ{coords.I + 1}, θ{coords.J + 1}); circles: predicted limits");
        trajectories.XLabel($"θ{coords.I + 1}");
        trajectories.YLabel($"θ{coords.J + 1}");
        trajectories.ShowLegend(Alignment.UpperLeft);
        losses.Title("loss against iterations");
        losses.XLabel("iteration");
        losses.YLabel("f(θ)");
        Figure.LogScale(losses.Axes.Bottom);
        Figure.LogScale(losses.Axes.Left);
        losses.ShowLegend(Alignment.LowerLeft);
        Figure.Save(path, [trajectories, losses], columns: 2, panelWidth: 720, panelHeight: 560);
    }
}
