using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Convergence;
using Steepest.Optimizers;
using Steepest.Optimizers.Schedules;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest converge</c>: problem 2, where each optimizer converges, measured beside the prediction.</summary>
public sealed class ConvergeCommand(CliOutput io) : Command<ConvergeSettings>
{
    /// <summary>What --compare runs: problem 2's three answers, plus full Adam.</summary>
    private static readonly (string Optimizer, bool Rescale)[] Comparison = [("sgd", false), ("epoch-adam", false), ("adam", false), ("sgd", true)];

    /// <inheritdoc/>
    public override int Execute(CommandContext context, ConvergeSettings settings, CancellationToken cancellationToken)
    {
        var request = Parse(settings);
        List<ConvergenceResult> runs;
        // The runner refuses problems and settings it cannot run (a degenerate row, entries a double cannot square): input, exit 2.
        try
        {
            runs = request.Runs.Select(r => ConvergenceRunner.Run(request.Problem, request.Settings with
            {
                Optimizer = r.Optimizer,
                Rescale = r.Rescale,
                TrajectoryPoints = request.PlotPath is null ? 0 : 200,
            })).ToList();
        }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        if (request.PlotPath is not null) ConvergencePlot.Save(request.PlotPath, runs, request.Coordinates);
        double? p = settings.Wilson is null ? null : settings.WilsonP;
        if (settings.Json) io.Out.WriteLine(ToJson(runs, settings.Compare, p));
        else WriteText(request.Problem, runs, request.Settings.Theta0, p, request.PlotPath);
        // One rule with train: a run whose loss blew up failed (exit 1), after its report; one that stopped for any
        // other reason (converged, oscillating, out of budget) reports why and exits 0.
        var diverged = runs.Where(r => r.Reason == StopReason.Diverging).ToList();
        if (diverged.Count == 0) return CliHost.Success;
        io.Error.WriteLine($"steepest: error: {string.Join(", ", diverged.Select(r => r.Optimizer))} diverged: the loss blew up; try a smaller --lr");
        return CliHost.RuntimeFailure;
    }

    internal sealed record Request(LeastSquaresProblem Problem, ConvergenceSettings Settings, (string Optimizer, bool Rescale)[] Runs, string? PlotPath, (int, int) Coordinates);

    internal static Request Parse(ConvergeSettings s)
    {
        var problem = LoadProblem(s);
        if (s.Compare == (s.Optimizer is not null))
            throw new UsageException(s.Compare ? "--compare runs its own optimizers; leave out --optimizer" : $"--optimizer is required ({string.Join(", ", OptimizerRegistry.Default.Entries.Where(e => !e.RoutesByRole).Select(e => e.Name))}), or use --compare");
        string? optimizer = s.Optimizer?.Trim().ToLowerInvariant();
        OptimizerEntry? entry = null;
        if (optimizer is not null)
        {
            try
            {
                entry = OptimizerRegistry.Default.Get(optimizer);
                if (entry.RoutesByRole) throw new ArgumentException($"{entry.Name} routes matrix parameters and has nothing to do on a vector θ; use adam, sgd, …");
                if (!entry.TakesWeights) OptimizerCatalogue.Create(optimizer);
            }
            catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }
        }
        bool takesWeights = entry?.TakesWeights ?? false;
        double? rate = s.LearningRate is null ? null : NumberParsing.Positive(s.LearningRate, "--lr");
        double tolerance = s.Tolerance is null ? 1e-10 : NumberParsing.Positive(s.Tolerance, "--tol");
        if (s.MaxIterations < 1) throw new UsageException($"--max-iter must be ≥ 1, got {s.MaxIterations}");
        if (s.Schedule is not null)
        {
            try { LearningRateSchedule.Parse(s.Schedule, rate ?? 1); }
            catch (ArgumentException e) { throw new UsageException($"--schedule: {e.Message}"); }
        }
        var mode = (s.Batch ?? (s.Wilson is null ? "sample" : "full")).Trim().ToLowerInvariant() switch
        {
            "sample" or "per-sample" or "sgd" => BatchMode.PerSample,
            "full" or "full-batch" or "gd" => BatchMode.FullBatch,
            _ => throw new UsageException($"--batch must be sample or full, got '{s.Batch}'"),
        };
        double[]? theta0 = s.Theta0 is null ? null : NumberParsing.List(s.Theta0, "--theta0");
        if (theta0 is not null && theta0.Length != problem.Features)
            throw new UsageException($"--theta0 has {theta0.Length} values, the problem has {problem.Features} features");
        double[]? weights = s.Weights is null ? null : NumberParsing.List(s.Weights, "--weights");
        if (weights is not null)
        {
            if (!takesWeights) throw new UsageException("--weights is only used by --optimizer steepest:weighted");
            if (weights.Length != problem.Features) throw new UsageException($"--weights has {weights.Length} values, the problem has {problem.Features} features");
            if (weights.Any(w => !(w > 0))) throw new UsageException("--weights must all be > 0");
        }
        else if (takesWeights) throw new UsageException($"--optimizer {entry!.Name} needs --weights (one dᵢ > 0 per feature)");
        var coordinates = ParseCoordinates(s.Coords, problem.Features);
        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        var settings = new ConvergenceSettings
        {
            Optimizer = optimizer ?? "sgd",
            LearningRate = rate,
            Schedule = s.Schedule,
            Mode = mode,
            Tolerance = tolerance,
            MaxIterations = s.MaxIterations,
            Theta0 = theta0,
            Weights = weights,
            Seed = s.Seed,
        };
        var runs = s.Compare ? Comparison : [(optimizer!, s.Rescale)];
        return new Request(problem, settings, runs, plot, coordinates);
    }

    private static LeastSquaresProblem LoadProblem(ConvergeSettings s)
    {
        int sources = (s.X is not null || s.Y is not null ? 1 : 0) + (s.Csv is not null ? 1 : 0) + (s.Random is not null ? 1 : 0) + (s.Wilson is not null ? 1 : 0);
        if (sources == 0) throw new UsageException("give a problem: --x ROWS --y VALUES, --csv FILE, --random NxD or --wilson N");
        if (sources > 1) throw new UsageException("give exactly one of --x/--y, --csv, --random and --wilson");
        if (s.Csv is not null)
        {
            if (!File.Exists(s.Csv)) throw new UsageException($"--csv: file '{s.Csv}' does not exist");
            try { return LeastSquaresProblem.FromCsv(s.Csv); }
            catch (FormatException e) { throw new UsageException($"--csv: {e.Message}"); }
        }
        if (s.Random is not null)
        {
            string[] parts = s.Random.ToLowerInvariant().Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int n) || !int.TryParse(parts[1], out int d) || n < 1 || d < 1)
                throw new UsageException($"--random must look like 20x100, got '{s.Random}'");
            if (n >= d) throw new UsageException($"--random {s.Random}: an underdetermined problem needs fewer samples than features");
            if ((long)n * d > 10_000_000) throw new UsageException($"--random {s.Random} is too large (at most 10⁷ values)");
            return LeastSquaresProblem.RandomUnderdetermined(n, d, s.Seed);
        }
        if (s.Wilson is int samples)
        {
            if (samples < 1 || samples > 10_000) throw new UsageException($"--wilson must be between 1 and 10000, got {samples}");
            if (!(s.WilsonP > 0.5 && s.WilsonP < 1)) throw new UsageException($"--wilson-p must be in (0.5, 1), got {s.WilsonP}");
            return WilsonConstruction.Generate(samples, s.WilsonP, s.Seed);
        }
        if (s.X is null) throw new UsageException("--y needs --x");
        if (s.Y is null) throw new UsageException("--x needs --y");
        var x = NumberParsing.Matrix(s.X, "--x");
        double[] y = NumberParsing.List(s.Y, "--y");
        if (y.Length != x.Rows) throw new UsageException($"--y has {y.Length} values but --x has {x.Rows} rows");
        return new LeastSquaresProblem(x.Values, x.Rows, x.Columns, y, $"{x.Rows}×{x.Columns} from --x/--y");
    }

    private static (int, int) ParseCoordinates(string text, int features)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int i) || !int.TryParse(parts[1], out int j))
            throw new UsageException($"--coords must be two 1-based indices like 1,2, got '{text}'");
        if (i < 1 || j < 1 || i > features || j > features || i == j)
            throw new UsageException($"--coords {text}: need two different coordinates between 1 and {features}");
        return (i - 1, j - 1);
    }

    /// <summary>A vector for a table cell: the first entries, rounded, and "…" beyond eight.</summary>
    /// <summary>Six significant digits (six decimals would print 0.0990001 as 0.099), at most six values.</summary>
    private static string Abbreviated(IReadOnlyList<double> values)
    {
        static string Six(double v) => Format.Significant(v, 6);
        return values.Count <= 8
            ? "[" + string.Join(", ", values.Select(Six)) + "]"
            : "[" + string.Join(", ", values.Take(6).Select(Six)) + $", … ({values.Count} values)]";
    }

    private void WriteText(LeastSquaresProblem problem, List<ConvergenceResult> runs, double[]? theta0, double? wilsonP, string? plotPath)
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

    private static string Status(ConvergenceResult r) => r.Reason switch
    {
        StopReason.Converged => "converged",
        StopReason.Diverging => "diverging: the loss blew up; lower --lr",
        StopReason.Oscillating => "oscillating: no progress while θ keeps moving; use a decaying --schedule",
        _ => "budget spent: raise --max-iter or --lr",
    };

    private static string ToJson(List<ConvergenceResult> runs, bool list, double? wilsonP) => Json.Document(w =>
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

    /// <summary>The fields of one run in <c>converge --json</c>, shared with <c>serve</c>'s /api/converge.</summary>
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
