using ScottPlot;
using Steepest.Cli.Infrastructure;
using Steepest.Norms;

namespace Steepest.Cli.Plots;

/// <summary>The picture of problem 1 in the plane: the unit ball of the norm, −g, and the step u on the ball of radius ‖u‖.</summary>
public static class UnitBallPlot
{
    /// <summary>Writes the PNG atomically to <paramref name="path"/>.</summary>
    public static void Save(string path, Derivation d)
    {
        var plot = new Plot();
        Draw(plot, d);
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, 700, 640));
    }

    /// <summary>One panel per derivation, side by side, in one PNG.</summary>
    public static void Save(string path, IReadOnlyList<Derivation> derivations)
    {
        var panels = derivations.Select(d => { var plot = new Plot(); Draw(plot, d); return plot; }).ToList();
        Figure.Save(path, panels, columns: panels.Count, panelWidth: 560, panelHeight: 560);
    }

    /// <summary>Draws the figure onto <paramref name="plot"/> (shared with the tour's multi-panel figure).</summary>
    public static void Draw(Plot plot, Derivation d)
    {
        var (ballX, ballY) = Boundary(d.Norm, 1);
        var unit = plot.Add.ScatterLine(ballX, ballY, Colors.SteelBlue);
        unit.LegendText = $"unit ball {d.Norm.Symbol} ≤ 1";
        unit.LineWidth = 2;

        Arrow(plot, -d.Gradient[0], -d.Gradient[1], Colors.OrangeRed, $"−g = {Format.Vector(d.Gradient.Select(v => -v))}");
        Arrow(plot, d.Update[0], d.Update[1], Colors.ForestGreen, $"u = {Format.Vector(d.Update)}");

        // Drawn last and darker, so it shows even where it lies on the unit ball (ℓ∞ here has ‖u‖ = 1).
        double stepLength = d.Norm.Value(d.Update);
        if (stepLength > 0)
        {
            var (stepX, stepY) = Boundary(d.Norm, stepLength);
            var through = plot.Add.ScatterLine(stepX, stepY, Colors.Black.WithAlpha(0.7));
            through.LinePattern = LinePattern.Dashed;
            through.LineWidth = 1.5f;
            bool onUnitBall = Math.Abs(stepLength - 1) < 1e-9;
            through.LegendText = $"‖Δ‖ = ‖u‖ = {Format.Number(stepLength)}{(onUnitBall ? " (the unit ball itself)" : "")}";
        }

        plot.Title($"{d.Norm.Name}: {d.Norm.StepFormula}");
        plot.XLabel("Δ₁");
        plot.YLabel("Δ₂");
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>
    /// An arrow from the origin. Its legend entry is a plain line of the same colour drawn under the shaft, since
    /// ScottPlot draws an arrow's legend swatch as a zigzag.
    /// </summary>
    private static void Arrow(Plot plot, double x, double y, Color color, string label)
    {
        var swatch = plot.Add.Line(0, 0, x, y);
        swatch.LineColor = color;
        swatch.LineWidth = 3;
        swatch.LegendText = label;
        var arrow = plot.Add.Arrow(new Coordinates(0, 0), new Coordinates(x, y));
        arrow.ArrowLineColor = color;
        arrow.ArrowFillColor = color;
        arrow.ArrowWidth = 3;
    }

    /// <summary>Points r·z/‖z‖ for z on the unit circle: the boundary of the ball of radius r, traced by angle.</summary>
    private static (double[] X, double[] Y) Boundary(Norm norm, double radius)
    {
        const int points = 721;
        var x = new double[points];
        var y = new double[points];
        for (int i = 0; i < points; i++)
        {
            double angle = 2 * Math.PI * i / (points - 1);
            double[] z = [Math.Cos(angle), Math.Sin(angle)];
            double scale = radius / norm.Value(z);
            x[i] = scale * z[0];
            y[i] = scale * z[1];
        }
        return (x, y);
    }
}
