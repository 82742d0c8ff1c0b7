using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Plots;

/// <summary>Figure helpers shared by the commands: several panels in one PNG, and log-scaled axes.</summary>
public static class Figure
{
    /// <summary>Renders the panels left to right, wrapping after <paramref name="columns"/>, into one PNG written atomically.</summary>
    public static void Save(string path, IReadOnlyList<Plot> panels, int columns = 2, int panelWidth = 640, int panelHeight = 480)
    {
        int rows = (panels.Count + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(panelWidth * Math.Min(columns, panels.Count), panelHeight * rows));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            byte[] png = panels[i].GetImageBytes(panelWidth, panelHeight, ImageFormat.Png);
            using var bitmap = SKBitmap.Decode(png);
            surface.Canvas.DrawBitmap(bitmap, i % columns * panelWidth, i / columns * panelHeight);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            data.SaveTo(stream);
        });
    }

    /// <summary>
    /// Makes an axis read as logarithmic: data are plotted as log₁₀(value), major ticks fall on integers and are
    /// labelled 10^k, and minor ticks mark 2..9 within each decade.
    /// </summary>
    public static void LogScale(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = value => FormatPower(value),
        };
    }

    /// <summary>A log axis labelled exactly at <paramref name="values"/> (for small integer ranges such as worker counts).</summary>
    public static void LogTicksAt(IAxis axis, IEnumerable<double> values)
    {
        var ticks = new NumericManual();
        foreach (double value in values) ticks.AddMajor(Math.Log10(value), value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        axis.TickGenerator = ticks;
    }

    /// <summary>
    /// A log axis over [<paramref name="low"/>, <paramref name="high"/>] labelled at 1, 2 and 5 × 10^k, or, when the range is
    /// under ×4, at evenly spaced round values (steps of 1, 2 or 5 × 10^k, about six of them), so a narrow range still reads.
    /// </summary>
    public static void LogTicks125(IAxis axis, double low, double high)
    {
        var ticks = new NumericManual();
        void Add(double value) => ticks.AddMajor(Math.Log10(value), value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
        if (high / low < 4)
        {
            double raw = (high - low) / 6, power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
            for (double value = Math.Floor(low / step) * step; value <= high + step / 2; value += step)
                if (value > 0) Add(Math.Round(value / step) * step);
        }
        else
            for (int exponent = (int)Math.Floor(Math.Log10(low)) - 1; exponent <= (int)Math.Ceiling(Math.Log10(high)); exponent++)
                foreach (double mantissa in (double[])[1, 2, 5])
                {
                    double value = mantissa * Math.Pow(10, exponent);
                    if (value >= low / 1.5 && value <= high * 1.5) Add(value);
                }
        axis.TickGenerator = ticks;
    }

    /// <summary>log₁₀ of every value (the data side of <see cref="LogScale"/>).</summary>
    public static double[] Log10(IEnumerable<double> values) => values.Select(v => Math.Log10(Math.Max(v, 1e-300))).ToArray();

    private static string FormatPower(double exponent)
    {
        double value = Math.Pow(10, exponent);
        return Math.Abs(exponent) <= 3 ? value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : $"1e{exponent:0}";
    }
}
