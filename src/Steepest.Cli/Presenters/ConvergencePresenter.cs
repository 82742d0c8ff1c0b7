using System.Globalization;
using Spectre.Console;
using Steepest.Cli.Infrastructure;
using Steepest.Convergence;

namespace Steepest.Cli.Presenters;

/// <summary>A convergence result (problem 2) as text and as JSON: what <c>converge</c>, the tour and <c>serve</c> print.</summary>
internal static class ConvergencePresenter
{
    /// <summary>converge's text: one run as labelled rows, several as a table.</summary>
    internal static void WriteText(CliOutput io, LeastSquaresProblem problem, List<ConvergenceResult> runs, double[]? theta0, double? wilsonP, string? plotPath)
    {
        io.Out.WriteLine($"problem: {problem.Description}; f(θ) = Σⱼ (yⱼ − xⱼᵀθ)², θ₀ = {(theta0 is null ? "0" : Abbreviated(theta0))}");
        if (runs.Count == 1)
        {
            var r = runs[0];
            void Row(string label, string value) => io.Out.WriteLine($"{label,-12} {value}");
            Row("optimizer", $"{r.Optimizer} ({(r.Mode == BatchMode.PerSample ? "per-sample" : "full batch")}, lr {Format.Number(r.LearningRate)}, {r.Schedule})");
            Row("limit", $"θ = {Format.Vector(r.Theta)}");
            Row("loss", Format.Number(r.Loss));
            Row("iterations", $"{r.Iterations} ({Status(r)})");
            Row("predicted", r.Predicted is null ? "no closed form" : $"θ* = {Format.Vector(r.Predicted)}");
            if (r.PredictionRule is not null) Row("rule", r.PredictionRule);
            if (r.DistanceToPrediction is double distance) Row("distance", $"‖θ − θ*‖∞ = {distance:G3}");
            Row("‖θ‖₂", Format.Number(Math.Sqrt(r.Theta.Sum(v => v * v))));
            if (wilsonP is double p) Row("test error", $"{WilsonConstruction.TestError(r.Theta, p):G4} (sign(y·w₁ + w₂ + w₃) on fresh samples, P(y = 1) = {p})");
        }
        else
        {
            var table = new Table().AddColumns("optimizer", "limit θ", "predicted", "rule", "distance", "‖θ‖₂", "loss", "iterations");
            if (wilsonP is not null) table.AddColumn("test error");
            foreach (var r in runs)
            {
                var cells = new List<string>
                {
                    r.Optimizer, Abbreviated(r.Theta), r.Predicted is null ? "no closed form" : Abbreviated(r.Predicted),
                    r.PredictionRule is null ? "—" : r.PredictionRule.Split(':')[0], r.DistanceToPrediction is double dd ? dd.ToString("G3", CultureInfo.InvariantCulture) : "—",
                    Format.Number(Math.Sqrt(r.Theta.Sum(v => v * v))), r.Loss.ToString("G3", CultureInfo.InvariantCulture), $"{r.Iterations} ({Status(r)})",
                };
                if (wilsonP is double p) cells.Add(WilsonConstruction.TestError(r.Theta, p).ToString("G4", CultureInfo.InvariantCulture));
                table.AddRow(cells.Select(c => new Text(c)).ToArray());
            }
            io.Console.Write(table);
            foreach (var r in runs) io.Out.WriteLine($"{r.Optimizer}: lr {Format.Number(r.LearningRate)}, {r.Schedule}");
        }
        if (plotPath is not null) io.Out.WriteLine($"plot: {plotPath}");
    }

    /// <summary>A vector for a table cell: the first entries, rounded, and "…" beyond eight.</summary>
    /// <summary>Six significant digits (six decimals would print 0.0990001 as 0.099), at most six values.</summary>
    internal static string Abbreviated(IReadOnlyList<double> values)
    {
        static string Six(double v) => Format.Significant(v, 6);
        return values.Count <= 8
            ? "[" + string.Join(", ", values.Select(Six)) + "]"
            : "[" + string.Join(", ", values.Take(6).Select(Six)) + $", … ({values.Count} values)]";
    }

    /// <summary>Why the run stopped, with what to change when it did not converge.</summary>
    internal static string Status(ConvergenceResult r) => r.Reason switch
    {
        StopReason.Converged => "converged",
        StopReason.Diverging => "diverging: the loss blew up; lower --lr",
        StopReason.Oscillating => "oscillating: no progress while θ keeps moving; use a decaying --schedule",
        _ => "budget spent: raise --max-iter or --lr",
    };

    /// <summary>converge --json: one object, or an array of them for several runs.</summary>
    internal static string Document(List<ConvergenceResult> runs, bool list, double? wilsonP) => Json.Document(w =>
    {
        if (list) w.WriteStartArray();
        foreach (var r in runs)
        {
            w.WriteStartObject();
            WriteFields(w, r, wilsonP);
            w.WriteEndObject();
        }
        if (list) w.WriteEndArray();
    });

    /// <summary>The fields of one run in <c>converge --json</c>, shared with the tour's problem 2 and <c>serve</c>'s /api/converge.</summary>
    internal static void WriteFields(System.Text.Json.Utf8JsonWriter w, ConvergenceResult r, double? wilsonP = null)
    {
        w.WriteString("optimizer", r.Optimizer);
        w.Numbers("theta", r.Theta);
        w.Number("loss", r.Loss);
        w.WriteNumber("iterations", r.Iterations);
        w.WriteBoolean("converged", r.Converged);
        w.WriteString("reason", r.Reason switch { StopReason.Converged => "converged", StopReason.Diverging => "diverging", StopReason.Oscillating => "oscillating", _ => "budget spent" });
        if (r.Predicted is null) w.WriteNull("predicted"); else w.Numbers("predicted", r.Predicted);
        if (r.PredictionRule is null) w.WriteNull("predictionRule"); else w.WriteString("predictionRule", r.PredictionRule);
        if (r.DistanceToPrediction is double d) w.WriteNumber("distanceToPrediction", d); else w.WriteNull("distanceToPrediction");
        w.Number("learningRate", r.LearningRate);
        w.WriteString("schedule", r.Schedule);
        w.WriteString("batch", r.Mode == BatchMode.PerSample ? "sample" : "full");
        w.Number("norm", Math.Sqrt(r.Theta.Sum(v => v * v)));
        if (wilsonP is double p) w.Number("testError", WilsonConstruction.TestError(r.Theta, p));
    }
}
