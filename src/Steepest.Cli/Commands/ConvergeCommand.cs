using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Presenters;
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
        if (settings.Json) io.Out.WriteLine(ConvergencePresenter.Document(runs, settings.Compare, p));
        else ConvergencePresenter.WriteText(io, request.Problem, runs, request.Settings.Theta0, p, request.PlotPath);
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

}
