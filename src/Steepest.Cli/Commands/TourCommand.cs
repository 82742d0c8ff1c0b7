using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Convergence;
using Steepest.Distributed;
using Steepest.Norms;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest tour</c>: the three problems of MISSION.md end to end, with short explanations, through the same code as
/// <c>derive</c>, <c>converge</c> and <c>comm</c>, writing their plots to a folder. No data files, no network.
/// </summary>
public sealed class TourCommand(CliOutput io) : Command<TourSettings>
{
    /// <summary>Problem 1's gradient and step weight, and a matrix gradient for the spectral contrast.</summary>
    private static readonly double[] Gradient = [3, -1, 0.5];
    private const double Alpha = 0.1;
    private static readonly double[] MatrixGradient = [3, 0, 4, 5];

    /// <summary>Problem 5's size.</summary>
    private const int Workers = 4, Parameters = 1_000_000;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, TourSettings settings, CancellationToken cancellationToken)
    {
        string folder = PrepareFolder(settings.Out);
        var text = settings.Json ? TextWriter.Null : io.Out;
        // The text names each plot as the user named the folder (tour-output/…); --json gives the full paths.
        string Shown(string file) => Path.Combine(settings.Out, Path.GetFileName(file));

        // Problem 1.
        text.WriteLine("Problem 1 — optimizers as penalized linear improvement");
        text.WriteLine("At gradient g the step u = argmin_Δ ⟨g,Δ⟩ + (1/α)·‖Δ‖² is u = −(α/2)·‖g‖*·Dualize(g). The norm picks the optimizer.");
        text.WriteLine($"g = {Format.Vector(Gradient)}, α = {Alpha}:");
        var derivations = new List<(string Part, Derivation D, int Rows, int Columns)>
        {
            ("1(a)", Derivation.Of(new L2Norm(), Gradient, Alpha), 1, 3),
            ("1(b)", Derivation.Of(new LInfinityNorm(), Gradient, Alpha), 1, 3),
            ("contrast", Derivation.Of(new L1Norm(), Gradient, Alpha), 1, 3),
            ("contrast", Derivation.Of(new SpectralNorm(2, 2), MatrixGradient, Alpha), 2, 2),
        };
        foreach (var (part, d, rows, columns) in derivations)
        {
            string label = part == "contrast" ? "  also " : $"  {part} ";
            if (rows > 1) text.WriteLine($"  and for a matrix gradient G = {Format.Matrix(MatrixGradient, 2, 2)}:");
            text.WriteLine($"{label}{d.Norm.Name,-9} u = {Format.Matrix(d.Update, rows, columns),-28} {d.Norm.StepFormula}");
            text.WriteLine($"{new string(' ', label.Length + 10)}→ {d.Norm.RecoveredOptimizer}; objective {Format.Number(d.Objective)} (general solver: {Format.Number(d.Numeric.Objective)})");
        }
        string balls = Path.Combine(folder, "problem1-unit-balls.png");
        UnitBallPlot.Save(balls, [Derivation.Of(new L2Norm(), [3, -1], 0.5), Derivation.Of(new LInfinityNorm(), [3, -1], 0.5), Derivation.Of(new L1Norm(), [3, -1], 0.5)]);
        text.WriteLine($"  plot: {Shown(balls)} (unit balls with −g and u for g = [3, -1], α = 0.5)");
        text.WriteLine();

        // Problem 2.
        text.WriteLine("Problem 2 — where optimizers converge");
        text.WriteLine("f(θ) = (1 − [1, 0.1, 0.01]·θ)², θ₀ = 0: one equation, three unknowns. Each optimizer picks its own solution.");
        var problem = new LeastSquaresProblem([1, 0.1, 0.01], 1, 3, [1], "problem 2");
        var runs = new List<(string Part, ConvergenceResult Run)>
        {
            ("2(a)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", TrajectoryPoints = 200 })),
            ("2(b)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "epoch-adam", TrajectoryPoints = 200 })),
            ("2(c)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", Rescale = true, TrajectoryPoints = 200 })),
        };
        string[] explanations =
        [
            "SGD stays in the row space: the minimum-norm solution x/‖x‖² = [1, 0.1, 0.01]/1.0101",
            "EpochAdam steps along sign(g): the solution ∝ sign(Xᵀy) (Wilson et al.)",
            "rescaling features by 1, 10, 100, SGD, then mapping back: S·(minimum-norm of the rescaled problem)",
        ];
        for (int k = 0; k < runs.Count; k++)
        {
            var (part, r) = runs[k];
            text.WriteLine($"  {part} {r.Optimizer,-12} θ = {Decimals(r.Theta),-38} predicted {Decimals(r.Predicted!)}   distance {r.DistanceToPrediction:G2}, {r.Iterations} steps");
            text.WriteLine($"       {explanations[k]}");
        }
        string trajectories = Path.Combine(folder, "problem2-trajectories.png");
        ConvergencePlot.Save(trajectories, runs.Select(r => r.Run).ToList(), (0, 1));
        text.WriteLine($"  plot: {Shown(trajectories)}");
        text.WriteLine();

        // Problem 5.
        text.WriteLine($"Problem 5 — communication in data-parallel training (n = {Workers} workers, p = {Parameters:N0} values)");
        text.WriteLine("Each strategy runs for real on in-process workers; messages are counted, timed, and priced by the α–β model");
        text.WriteLine("with contention, calibrated on the same workers (k transfers at once, k = 1 … n).");
        var model = InProcessGroup.Run(Workers, comm => AlphaBetaModel.Measure(comm))[0];
        string[] strategies = ["all-to-all", "parameter-server", "ring"];
        var measurements = strategies.Select(s => ReductionExperiment.Run(s, Workers, Parameters, model, repeat: 3)).ToList();
        var table = new Table().AddColumns("paradigm", "messages sent", "formula", "size of each message", "bytes per worker", "busiest rank sends", "measured s", "model s", "model/measured");
        foreach (var m in measurements)
        {
            string size = m.MessageValuesMin == m.MessageValuesMax ? $"{m.MessageValuesMax:N0} values" : $"{m.MessageValuesMin:N0}–{m.MessageValuesMax:N0} values";
            table.AddRow(m.Strategy, $"{m.Messages:N0}", Markup.Escape($"{m.Plan.MessagesFormula} = {m.Plan.Messages}"), size, $"{m.BytesPerWorker:N0}", $"{m.BusiestRankBytes:N0}", $"{m.Seconds:G3}", $"{m.ModelSeconds:G3}", $"{m.ModelSeconds / m.Seconds:F2}");
        }
        if (!settings.Json) io.Console.Write(table);
        text.WriteLine("  The parameter server's workers send least (p values each), but the server sends n·p: the busiest link. Every ring");
        text.WriteLine("  link carries 2(n−1)/n·p values however large n grows, which makes the ring bandwidth-optimal at scale.");
        string communication = Path.Combine(folder, "problem5-communication.png");
        CommunicationPlot.Save(communication, strategies, Workers, Parameters, model, 1, 0, false, InProcessGroup.DefaultTimeout);
        text.WriteLine($"  plot: {Shown(communication)}");

        if (settings.Json) io.Out.WriteLine(ToJson(derivations, runs, measurements, [balls, trajectories, communication]));
        return CliHost.Success;
    }

    /// <summary>Four decimals, kept even when they are zeros, as MISSION.md writes the answers ([0.9900, 0.0990, 0.0099]); --json has every digit.</summary>
    private static string Decimals(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => (v + 0.0).ToString("0.0000", CultureInfo.InvariantCulture))) + "]";

    /// <summary>Creates the folder; a file in the way or a folder that cannot be written is bad input (exit 2).</summary>
    private static string PrepareFolder(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException("--out needs a folder name");
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UsageException($"--out: '{path}' is a file, not a folder");
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".steepest-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"--out: cannot write to '{path}' ({e.Message.ReplaceLineEndings(" ")})");
        }
        return full;
    }

    private static string ToJson(List<(string Part, Derivation D, int Rows, int Columns)> derivations, List<(string Part, ConvergenceResult Run)> runs,
        List<ReductionMeasurement> measurements, string[] plots) => Json.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("problem1");
        foreach (var (part, d, rows, columns) in derivations)
        {
            w.WriteStartObject();
            w.WriteString("part", part);
            w.WriteString("norm", d.Norm.Name);
            w.Numbers("gradient", d.Gradient);
            w.Integers("shape", [rows, columns]);
            w.Number("alpha", d.Alpha);
            w.Numbers("update", d.Update);
            w.Number("dualNorm", d.DualNorm);
            w.Number("objective", d.Objective);
            w.Number("numericObjective", d.Numeric.Objective);
            w.WriteString("formula", d.Norm.StepFormula);
            w.WriteString("optimizer", d.Norm.RecoveredOptimizer);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problem2");
        foreach (var (part, r) in runs)
        {
            w.WriteStartObject();
            w.WriteString("part", part);
            w.WriteString("optimizer", r.Optimizer);
            w.Numbers("theta", r.Theta);
            if (r.Predicted is null) w.WriteNull("predicted"); else w.Numbers("predicted", r.Predicted);
            if (r.PredictionRule is null) w.WriteNull("predictionRule"); else w.WriteString("predictionRule", r.PredictionRule);
            if (r.DistanceToPrediction is double distance) w.WriteNumber("distanceToPrediction", distance); else w.WriteNull("distanceToPrediction");
            w.WriteBoolean("converged", r.Converged);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problem5");
        foreach (var m in measurements)
        {
            w.WriteStartObject();
            CommCommand.WriteMeasurement(w, m);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("plots");
        foreach (string plot in plots) w.WriteStringValue(plot);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
