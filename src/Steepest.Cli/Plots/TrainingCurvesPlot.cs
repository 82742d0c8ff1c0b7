using ScottPlot;
using Steepest.Training;

namespace Steepest.Cli.Plots;

/// <summary>Loss (train solid, test or validation dashed) and test accuracy against epoch (or step, for text), one color per run.</summary>
public static class TrainingCurvesPlot
{
    /// <summary>Writes the two panels atomically to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<(string Name, IReadOnlyList<EpochMetrics> History)> runs, bool bySteps = false)
    {
        string evaluated = bySteps ? "validation" : "test", unit = bySteps ? "step" : "epoch";
        var loss = new Plot();
        var accuracy = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < runs.Count; k++)
        {
            var (name, history) = runs[k];
            var color = palette.GetColor(k);
            double[] epochs = history.Select(m => bySteps ? m.Step : (double)m.Epoch).ToArray();
            var train = loss.Add.Scatter(epochs, history.Select(m => m.TrainLoss).ToArray(), color);
            train.LegendText = $"{name} train";
            var test = loss.Add.Scatter(epochs, history.Select(m => m.TestLoss).ToArray(), color);
            test.LinePattern = LinePattern.Dashed;
            // Hollow markers too, so train and test differ in the legend even where a dash is too short to see.
            test.MarkerShape = MarkerShape.OpenCircle;
            test.MarkerSize = 6;
            test.LegendText = $"{name} {(bySteps ? "val" : "test")}";
            var acc = accuracy.Add.Scatter(epochs, history.Select(m => 100 * m.TestAccuracy).ToArray(), color);
            acc.LegendText = name;
        }
        loss.Title("cross-entropy loss");
        loss.XLabel(unit);
        loss.YLabel("loss");
        loss.ShowLegend(Alignment.UpperRight);
        accuracy.Title($"{evaluated} accuracy");
        accuracy.XLabel(unit);
        accuracy.YLabel("%");
        accuracy.ShowLegend(Alignment.LowerRight);
        if (!bySteps)
            foreach (var panel in (Plot[])[loss, accuracy])
                panel.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        Figure.Save(path, [loss, accuracy], columns: 2, panelWidth: 680, panelHeight: 500);
    }
}
