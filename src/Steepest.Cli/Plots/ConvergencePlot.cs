using ScottPlot;
using Steepest.Convergence;

namespace Steepest.Cli.Plots;

/// <summary>
/// Trajectories of θ in two coordinates with the predicted limits, beside the loss against iterations on log axes:
/// iteration t is drawn at t + 1 so that θ₀ (t = 0) shows, and a loss below the floor (an exact 0 included) at the floor.
/// </summary>
public static class ConvergencePlot
{
    /// <summary>Losses below this are drawn at it: a log axis cannot show SGD's exact 0, and below it is rounding.</summary>
    private const double LossFloor = 1e-20;

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
            var finite = r.Trajectory.Where(t => double.IsFinite(t.Loss)).ToArray();
            if (finite.Length > 0)
            {
                var curve = losses.Add.Scatter(Figure.Log10(finite.Select(t => t.Step + 1.0)), Figure.Log10(finite.Select(t => Math.Max(t.Loss, LossFloor))), color);
                curve.LegendText = r.Optimizer;
                curve.MarkerSize = 3;
            }
        }
        trajectories.Title($"trajectories in (θ{coords.I + 1}, θ{coords.J + 1}); circles: predicted limits");
        trajectories.XLabel($"θ{coords.I + 1}");
        trajectories.YLabel($"θ{coords.J + 1}");
        trajectories.ShowLegend(Edge.Bottom);
        losses.Title("loss against iterations (an exact 0 drawn at 1e-20)");
        losses.XLabel("iteration + 1 (θ₀ at 1)");
        losses.YLabel("f(θ)");
        Figure.LogScale(losses.Axes.Bottom);
        Figure.LogScale(losses.Axes.Left);
        losses.ShowLegend(Edge.Bottom);
        Figure.Save(path, [trajectories, losses], columns: 2, panelWidth: 720, panelHeight: 560);
    }
}
