using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Cli.Presenters;
using Steepest.Convergence;
using Steepest.Distributed;
using Steepest.LinearAlgebra;
using Steepest.Norms;
using Steepest.Distributed.Reducers;

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

    /// <summary>Problem 2's inputs: one training point, target 1.</summary>
    private static readonly double[] Inputs = [1, 0.1, 0.01];

    /// <summary>Problem 5's size.</summary>
    private const int Workers = 4, Parameters = 1_000_000;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, TourSettings settings, CancellationToken cancellationToken)
    {
        string folder = OutputFolder.Prepare(settings.Out, "--out");
        var text = settings.Json ? TextWriter.Null : io.Out;
        // The text names each plot as the user named the folder (tour-output/…); --json gives the full paths.
        string Shown(string file) => Path.Combine(settings.Out, Path.GetFileName(file));

        // Problem 1.
        text.WriteLine("Problem 1 — optimizers as penalized linear improvement");
        text.WriteLine($"Objective: at gradient g = {Format.Vector(Gradient)} pick u = argmin_Δ gᵀΔ + (1/α)·d(Δ), with α = {Alpha}.");
        var g = Gradient.Select(Rational.FromDecimal).ToArray();
        var alpha = Rational.FromDecimal(Alpha);
        var l1 = ExactSteps.L1(g);
        var worked = new Dictionary<string, (Rational[] Exact, string[] Steps)>
        {
            ["1(a)"] = (ExactSteps.L2(g, alpha),
            [
                "d(Δ) = ‖Δ‖₂² is smooth and convex, so set the gradient to zero: g + (2/α)·Δ = 0.",
                "Hence u = −(α/2)·g: gradient descent with learning rate η = α/2.",
                $"Here α/2 = {(alpha / 2).ToDecimalOrFraction()}, so u = −{(alpha / 2).ToDecimalOrFraction()}·{Fractions(g, decimals: true)}.",
            ]),
            ["1(b)"] = (ExactSteps.LInfinity(g, alpha),
            [
                "Split Δ into direction and magnitude: Δ = c·t with ‖t‖∞ = 1 and c ≥ 0, so the objective is c·gᵀt + c²/α.",
                "For any c, gᵀt is least over the ℓ∞ ball at t = −sign(g), where gᵀt = −‖g‖₁.",
                "Then −c·‖g‖₁ + c²/α is least at c = (α/2)·‖g‖₁, so u = −(α/2)·‖g‖₁·sign(g): sign descent.",
                $"Here ‖g‖₁ = {l1.ToDecimalOrFraction()} and (α/2)·‖g‖₁ = {(alpha / 2 * l1).ToDecimalOrFraction()}, so u = −{(alpha / 2 * l1).ToDecimalOrFraction()}·{Fractions(g.Select(v => (Rational)v.Sign).ToArray())}.",
            ]),
        };
        var derivations = new List<(string Part, Derivation D, int Rows, int Columns)>
        {
            ("1(a)", Derivation.Of(new L2Norm(), Gradient, Alpha), 1, 3),
            ("1(b)", Derivation.Of(new LInfinityNorm(), Gradient, Alpha), 1, 3),
            ("contrast", Derivation.Of(new L1Norm(), Gradient, Alpha), 1, 3),
            ("contrast", Derivation.Of(new SpectralNorm(2, 2), MatrixGradient, Alpha), 2, 2),
        };
        foreach (var (part, d, rows, columns) in derivations)
        {
            if (worked.TryGetValue(part, out var solution))
            {
                text.WriteLine($"  {part} d(Δ) = {d.Norm.Symbol.Replace('x', 'Δ')}²");
                WriteSteps(text, solution.Steps);
                text.WriteLine($"       answer:   u = {Fractions(solution.Exact)} = {Fixed(solution.Exact)}");
                text.WriteLine($"       computed: {DerivationPresenter.Computed(d, rows, columns)}");
                continue;
            }
            if (rows > 1) text.WriteLine($"  and for a matrix gradient G = {Format.Matrix(MatrixGradient, 2, 2)}:");
            text.WriteLine($"  also {d.Norm.Name,-9} u = {Format.Matrix(d.Update, rows, columns),-28} {d.Norm.StepFormula}");
            text.WriteLine($"{new string(' ', 16)}→ {d.Norm.RecoveredOptimizer}; objective {Format.Number(d.Objective)} (general solver: {Format.Number(d.Numeric.Objective)})");
        }
        string balls = Path.Combine(folder, "problem1-unit-balls.png");
        UnitBallPlot.Save(balls, [Derivation.Of(new L2Norm(), [3, -1], 0.5), Derivation.Of(new LInfinityNorm(), [3, -1], 0.5), Derivation.Of(new L1Norm(), [3, -1], 0.5)]);
        text.WriteLine($"  plot: {Shown(balls)} (unit balls with −g and u for g = [3, -1], α = 0.5)");
        text.WriteLine();

        // Problem 2.
        text.WriteLine("Problem 2 — where optimizers converge");
        text.WriteLine($"Objective: minimize f(θ) = (1 − xᵀθ)² with x = {Format.Vector(Inputs)}, from θ₀ = 0. One equation, three unknowns: each optimizer picks its own solution.");
        var problem = new LeastSquaresProblem(Inputs, 1, Inputs.Length, [1], "problem 2");
        var runs = new List<(string Part, ConvergenceResult Run)>
        {
            ("2(a)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", TrajectoryPoints = 200 })),
            ("2(b)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "epoch-adam", TrajectoryPoints = 200 })),
            ("2(c)", ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", Rescale = true, TrajectoryPoints = 200 })),
        };
        var x = Inputs.Select(Rational.FromDecimal).ToArray();
        var squared = ExactLimits.SquaredNorm(x);
        var x1 = ExactSteps.L1(x);
        var scales = ExactLimits.Scales(x);
        var rescaled = x.Select((v, i) => v * scales[i]).ToArray();
        var limits = new Dictionary<string, (Rational[] Exact, string Formula, string[] Steps)>
        {
            ["2(a)"] = (ExactLimits.MinimumNorm(x, 1), $"x/‖x‖² = {Fractions(x, decimals: true)}/{squared.ToDecimalOrFraction()}",
            [
                "Every gradient ∇f = −2(1 − xᵀθ)·x is a multiple of x, so from θ₀ = 0 the iterates stay in the row space: θ = c·x.",
                $"At the limit xᵀθ = 1, so c·‖x‖² = 1 with ‖x‖² = {squared.ToDecimalOrFraction()}: c = 1/{squared.ToDecimalOrFraction()}, the minimum-norm solution.",
            ]),
            ["2(b)"] = (ExactLimits.Sign(x, 1), $"{Fractions(x.Select(v => (Rational)v.Sign).ToArray())}/{x1.ToDecimalOrFraction()}",
            [
                "With one data point the epoch's mean of gᵢ² is gᵢ², so M = diag(1/|gᵢ|) and every step moves along −sign(g) = sign(x).",
                $"So θ = c·sign(x), and xᵀθ = 1 gives c·‖x‖₁ = 1 with ‖x‖₁ = {x1.ToDecimalOrFraction()}: c = 1/{x1.ToDecimalOrFraction()}.",
            ]),
            ["2(c)"] = (ExactLimits.Rescaled(x, 1), $"S·{Fractions(rescaled)}/{ExactLimits.SquaredNorm(rescaled)}",
            [
                $"Change variables: x̃ = S·x with S = diag{Fractions(scales)} (unit second moment), so x̃ = {Fractions(rescaled)} and θ = S·θ̃.",
                $"SGD on θ̃ stays in the row space of x̃ and reaches θ̃ = x̃/‖x̃‖² = {Fractions(rescaled)}/{ExactLimits.SquaredNorm(rescaled)}.",
                "Map back: θ = S·θ̃.",
            ]),
        };
        string[] names = ["SGD", "EpochAdam", "rescale + SGD"];
        for (int k = 0; k < runs.Count; k++)
        {
            var (part, r) = runs[k];
            var (exact, formula, steps) = limits[part];
            text.WriteLine($"  {part} {names[k]}");
            WriteSteps(text, steps);
            text.WriteLine($"       answer:   θ = {formula} = {Fractions(exact)} = {Fixed(exact)}");
            double distance = r.Theta.Zip(exact, (t, e) => Math.Abs(t - e.ToDouble())).Max();
            text.WriteLine($"       measured: θ = {Decimals(r.Theta)} after {r.Iterations} steps of {r.Optimizer}; {distance:G2} from the exact answer");
        }
        string trajectories = Path.Combine(folder, "problem2-trajectories.png");
        ConvergencePlot.Save(trajectories, runs.Select(r => r.Run).ToList(), (0, 1));
        text.WriteLine($"  plot: {Shown(trajectories)}");
        text.WriteLine();

        // Problem 5.
        text.WriteLine("Problem 5 — communication in data-parallel training");
        text.WriteLine($"Objective: n = {Workers} workers each hold p = {Parameters:N0} gradient values; every worker must end with the average. Count the messages.");
        string[] strategies = ["all-to-all", "parameter-server", "ring"];
        var plans = strategies.ToDictionary(s => s, s => GradientReducers.Plan(s, Workers, Parameters));
        var counting = new Dictionary<string, string>
        {
            ["all-to-all"] = $"All-to-all: each of the n workers sends its p values to the n − 1 others: n(n−1) = {Workers}·{Workers - 1} = {plans["all-to-all"].Messages} messages of p values.",
            ["parameter-server"] = $"Parameter server: each worker uploads its p values and downloads the average: 2n = {plans["parameter-server"].Messages} messages of p values; the server alone sends n·p.",
            ["ring"] = $"Ring: reduce-scatter then all-gather, n − 1 rounds each, every worker passing one chunk of p/n = {plans["ring"].MessageValuesMax:N0} values to its neighbour per round: 2n(n−1) = {plans["ring"].Messages} messages.",
        };
        WriteSteps(text, strategies.Select(s => counting[s]).Append("Bytes per worker: p·(n−1) for all-to-all, p for a parameter-server worker, 2(n−1)/n·p for the ring, which stays below 2p however large n grows.").ToArray());
        text.WriteLine("       measured: each strategy run for real on in-process workers, messages counted and timed, and priced by the α–β model");
        text.WriteLine("       with contention calibrated on the same workers (k transfers at once, k = 1 … n):");
        var model = InProcessGroup.Run(Workers, comm => AlphaBetaModel.Measure(comm))[0];
        var measurements = strategies.Select(s => ReductionExperiment.Run(s, Workers, Parameters, model, repeat: 3)).ToList();
        var table = new Table().AddColumns("paradigm", "messages sent", "formula", "size of each message", "bytes per worker", "busiest rank sends", "measured s", "model s", "model/measured");
        foreach (var m in measurements)
        {
            string size = m.MessageValuesMin == m.MessageValuesMax ? $"{m.MessageValuesMax:N0} values" : $"{m.MessageValuesMin:N0}–{m.MessageValuesMax:N0} values";
            table.AddRow(m.Strategy, $"{m.Messages:N0}", Markup.Escape($"{m.Plan.MessagesFormula} = {m.Plan.Messages}"), size, $"{m.BytesPerWorker:N0}", $"{m.BusiestRankBytes:N0}", $"{m.Seconds:G3}", $"{m.ModelSeconds:G3}", $"{m.ModelSeconds / m.Seconds:F2}");
        }
        if (!settings.Json) io.Console.Write(table);
        string communication = Path.Combine(folder, "problem5-communication.png");
        CommunicationPlot.Save(communication, strategies, Workers, Parameters, model, 1, 0, false, InProcessGroup.DefaultTimeout, measurements);
        text.WriteLine($"  plot: {Shown(communication)}");

        if (settings.Json) io.Out.WriteLine(ToJson(derivations, worked, runs, limits.ToDictionary(l => l.Key, l => (l.Value.Exact, l.Value.Steps)), measurements, counting, [balls, trajectories, communication]));
        return CliHost.Success;
    }

    /// <summary>Four decimals, kept even when they are zeros, as MISSION.md writes the answers ([0.9900, 0.0990, 0.0099]); --json has every digit.</summary>
    private static string Decimals(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => (v + 0.0).ToString("0.0000", CultureInfo.InvariantCulture))) + "]";

    /// <summary>The derivation's numbered steps, indented under their part.</summary>
    private static void WriteSteps(TextWriter text, IReadOnlyList<string> steps)
    {
        for (int i = 0; i < steps.Count; i++) text.WriteLine($"       {i + 1}. {steps[i]}");
    }

    /// <summary>Exact entries: [10000/10101, 1000/10101, 100/10101]; with <paramref name="decimals"/>, terminating ones as decimals ([1, 0.1, 0.01]).</summary>
    private static string Fractions(IEnumerable<Rational> values, bool decimals = false) =>
        "[" + string.Join(", ", values.Select(v => decimals ? v.ToDecimalOrFraction() : v.ToString())) + "]";

    /// <summary>The exact entries rounded to four places, as MISSION.md writes the answers.</summary>
    private static string Fixed(IEnumerable<Rational> values) => "[" + string.Join(", ", values.Select(v => v.ToFixed(4))) + "]";

    private static string ToJson(List<(string Part, Derivation D, int Rows, int Columns)> derivations, Dictionary<string, (Rational[] Exact, string[] Steps)> worked,
        List<(string Part, ConvergenceResult Run)> runs, Dictionary<string, (Rational[] Exact, string[] Steps)> limits,
        List<ReductionMeasurement> measurements, Dictionary<string, string> counting, string[] plots) => Json.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("problem1");
        foreach (var (part, d, rows, columns) in derivations)
        {
            w.WriteStartObject();
            w.WriteString("part", part);
            DerivationPresenter.WriteFields(w, d, rows, columns);
            WriteWorked(w, worked.TryGetValue(part, out var solution) ? solution : null);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problem2");
        foreach (var (part, r) in runs)
        {
            w.WriteStartObject();
            w.WriteString("part", part);
            ConvergencePresenter.WriteFields(w, r);
            WriteWorked(w, limits[part]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problem5");
        foreach (var m in measurements)
        {
            w.WriteStartObject();
            ReductionPresenter.WriteMeasurement(w, m);
            w.WriteString("exact", $"{m.Plan.MessagesFormula} = {m.Plan.Messages}");
            w.WriteStartArray("steps");
            w.WriteStringValue(counting[m.Strategy]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("plots");
        foreach (string plot in plots) w.WriteStringValue(plot);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>"exact" (each entry as p/q) and "steps" (the derivation); null and [] where a part has none.</summary>
    private static void WriteWorked(System.Text.Json.Utf8JsonWriter w, (Rational[] Exact, string[] Steps)? solution)
    {
        if (solution is var (exact, steps))
        {
            w.WriteStartArray("exact");
            foreach (var v in exact) w.WriteStringValue(v.ToString());
            w.WriteEndArray();
            w.WriteStartArray("steps");
            foreach (string step in steps) w.WriteStringValue(step);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("exact");
            w.WriteStartArray("steps");
            w.WriteEndArray();
        }
    }
}
