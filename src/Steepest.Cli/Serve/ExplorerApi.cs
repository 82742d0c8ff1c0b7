using System.Text.Json;
using Steepest.Cli.Commands;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Presenters;
using Steepest.Convergence;
using Steepest.Distributed;
using Steepest.Norms;
using Steepest.Distributed.Reducers;

namespace Steepest.Cli.Serve;

/// <summary>
/// The explorer's JSON endpoints. Each one validates through the same code as its command (derive, converge, comm),
/// computes with the library and writes the command's JSON fields, adding what the page draws (the unit ball, the
/// trajectories, the sweep over n).
/// </summary>
public sealed class ExplorerApi(RunFolder runs)
{
    /// <summary>Points on the drawn unit ball.</summary>
    private const int BallPoints = 240;

    /// <summary>Problem 5's paradigms, as the tour compares them.</summary>
    private static readonly string[] Paradigms = ["all-to-all", "parameter-server", "ring"];

    /// <summary>Worker counts of the time-against-n curve.</summary>
    private static readonly int[] Sweep = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];

    /// <summary>Calibration measures the machine: one at a time.</summary>
    private static readonly SemaphoreSlim Calibrating = new(1, 1);

    /// <summary>/api/derive?norm=&amp;grad=&amp;alpha=&amp;weights=: <c>derive --json</c>, plus the unit ball for a 2-component vector norm.</summary>
    public static readonly string[] DeriveParameters = ["norm", "grad", "alpha", "weights"];

    /// <summary>Problem 1 for one norm and gradient.</summary>
    public string Derive(ApiQuery q)
    {
        var request = DeriveCommand.Parse(new DeriveSettings { Norm = q.Text("norm"), Grad = q.List("grad"), Alpha = q.Text("alpha") ?? "1", Weights = q.List("weights") });
        var derivation = DeriveCommand.Derive(request);
        return Json.Document(w =>
        {
            w.WriteStartObject();
            DerivationPresenter.WriteFields(w, derivation, request.Gradient.Rows, request.Gradient.Columns);
            if (request.Gradient.Values.Length == 2 && request.Gradient.Rows == 1) WriteBall(w, request.Norm);
            w.WriteEndObject();
        }, indented: false);
    }

    /// <summary>The unit sphere {x : ‖x‖ = 1} in the plane, as directions scaled by 1/‖d‖.</summary>
    private static void WriteBall(Utf8JsonWriter w, Norm norm)
    {
        w.WriteStartArray("ball");
        Span<double> d = stackalloc double[2];
        for (int i = 0; i <= BallPoints; i++)
        {
            double angle = 2 * Math.PI * i / BallPoints;
            d[0] = Math.Cos(angle);
            d[1] = Math.Sin(angle);
            double length = norm.Value(d);
            w.WriteStartArray();
            w.WriteNumberValue(d[0] / length);
            w.WriteNumberValue(d[1] / length);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>/api/converge?x=&amp;y=&amp;optimizers=&amp;points=: one <c>converge --json</c> object per optimizer, with its trajectory.</summary>
    public static readonly string[] ConvergeParameters = ["x", "y", "optimizers", "points", "lr"];

    /// <summary>Problem 2 for several optimizers; "rescale+sgd" is SGD on features rescaled to unit second moment.</summary>
    public string Converge(ApiQuery q)
    {
        string[] names = (q.Text("optimizers") ?? "sgd,epoch-adam,rescale+sgd").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length is 0 or > 8) throw new UsageException($"optimizers: give 1 to 8 names separated by ',', got {names.Length}");
        int points = q.Integer("points", 200, 2, 2000);
        var runs = new List<(string Label, ConvergenceResult Run)>();
        foreach (string name in names)
        {
            bool rescale = name.Equals("rescale+sgd", StringComparison.OrdinalIgnoreCase);
            var request = ConvergeCommand.Parse(new ConvergeSettings
            {
                X = q.List("x") ?? "1,0.1,0.01", Y = q.List("y") ?? "1", Optimizer = rescale ? "sgd" : name, Rescale = rescale, LearningRate = q.Text("lr"),
            });
            var (optimizer, scaled) = request.Runs[0];
            try { runs.Add((name, ConvergenceRunner.Run(request.Problem, request.Settings with { Optimizer = optimizer, Rescale = scaled, TrajectoryPoints = points }))); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
        }
        return Json.Document(w =>
        {
            w.WriteStartArray();
            foreach (var (label, run) in runs)
            {
                w.WriteStartObject();
                w.WriteString("label", label);
                ConvergencePresenter.WriteFields(w, run);
                w.WriteStartArray("trajectory");
                foreach (var (step, theta, loss) in run.Trajectory)
                {
                    w.WriteStartObject();
                    w.WriteNumber("step", step);
                    w.Numbers("theta", theta);
                    w.Number("loss", loss);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, indented: false);
    }

    /// <summary>/api/comm?n=&amp;p=&amp;alpha=&amp;beta=&amp;gamma=&amp;kappa=: each paradigm's messages beside their formula, and the model's time against n.</summary>
    public static readonly string[] CommParameters = ["n", "p", "alpha", "beta", "gamma", "kappa"];

    /// <summary>Problem 5 priced by the α–β model with contention, from each reducer's own schedule.</summary>
    public string Communication(ApiQuery q)
    {
        int n = q.Integer("n", 4, 2, 64);
        int p = q.Integer("p", 1_000_000, 1, 1 << 28);
        double kappa = q.Text("kappa") is "inf" or "∞" or null ? double.PositiveInfinity : q.Positive("kappa", double.PositiveInfinity);
        // The explorer has one contention knob: κ slows the local passes as well as the transfers, as its page states.
        var model = new AlphaBetaModel(q.Positive("alpha", 5e-6), q.Positive("beta", 1e-10), q.NonNegative("gamma", 2.5e-10))
        {
            Parallelism = kappa,
            Cores = kappa,
        };
        var counts = Sweep.Where(c => c <= Math.Max(16, n)).Append(n).Distinct().Order().ToArray();
        return Json.Document(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("workers", n);
            w.WriteNumber("parameters", p);
            w.WriteStartObject("model");
            ReductionPresenter.WriteModel(w, model);
            w.WriteEndObject();
            w.WriteStartArray("strategies");
            foreach (string strategy in Paradigms)
            {
                var plan = GradientReducers.Plan(strategy, n, p);
                w.WriteStartObject();
                w.WriteString("strategy", strategy);
                ReductionPresenter.WritePlan(w, plan);
                w.Number("modelSeconds", model.Predict(plan));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("sweep");
            foreach (int workers in counts)
            {
                w.WriteStartObject();
                w.WriteNumber("workers", workers);
                w.WriteStartObject("modelSeconds");
                foreach (string strategy in Paradigms) w.Number(strategy, model.Predict(GradientReducers.Plan(strategy, workers, p)));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, indented: false);
    }

    /// <summary>/api/calibrate?workers=: what <c>comm --calibrate --json</c> fits, measured now on in-process ranks.</summary>
    public static readonly string[] CalibrateParameters = ["workers"];

    /// <summary>Measures α, β, γ and κ on this machine (seconds; one calibration at a time).</summary>
    public string Calibrate(ApiQuery q)
    {
        int workers = q.Integer("workers", 4, 2, 16);
        Calibrating.Wait();
        try
        {
            var model = InProcessGroup.Run(workers, comm => AlphaBetaModel.Measure(comm))[0];
            return Json.Document(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("workers", workers);
                w.WriteString("transport", "inproc");
                ReductionPresenter.WriteModel(w, model);
                w.WriteEndObject();
            }, indented: false);
        }
        finally { Calibrating.Release(); }
    }

    /// <summary>/api/runs: the logs in the runs folder.</summary>
    public static readonly string[] RunsParameters = [];

    /// <summary>Each log's name, size and last write, newest first.</summary>
    public string Runs(ApiQuery q) => Json.Document(w =>
    {
        w.WriteStartObject();
        w.WriteString("root", runs.Root);
        w.WriteStartArray("runs");
        foreach (var file in runs.List())
        {
            w.WriteStartObject();
            w.WriteString("name", runs.NameOf(file));
            w.WriteNumber("bytes", file.Length);
            w.WriteString("modified", file.LastWriteTimeUtc.ToString("O"));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }, indented: false);

    /// <summary>/api/run?name=: one log's rows and the notes on lines skipped.</summary>
    public static readonly string[] RunParameters = ["name"];

    /// <summary>The rows of one log, re-read on every call so a run still being written grows.</summary>
    public string Run(ApiQuery q)
    {
        string name = q.Text("name") ?? "";
        var log = RunLog.Read(runs.Resolve(name));
        return Json.Document(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteStartArray("rows");
            foreach (var row in log.Rows)
            {
                w.WriteStartObject();
                foreach (var (field, value) in row) w.Number(field, value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (string note in log.Notes) w.WriteStringValue(note);
            w.WriteEndArray();
            w.WriteEndObject();
        }, indented: false);
    }
}
