using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Presenters;
using Steepest.Cli.Plots;
using Steepest.Models;
using Steepest.Training;
using Steepest.Training.Sweeps;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest sweep</c>: a grid of train runs over models, optimizers, learning rates and seeds, one after another, each
/// with the machine's threads; every run's log in --out, the best learning rate per (model, optimizer), and the
/// learning-rate-transfer figure.
/// </summary>
public sealed class SweepCommand(CliOutput io) : Command<SweepSettings>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One grid point, validated.</summary>
    private sealed record Point(string Model, string Optimizer, double LearningRate, ulong Seed, TrainCommand.PreparedRun Run);

    /// <inheritdoc/>
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var (points, target, plot) = Prepare(settings);
        string folder = Path.GetFullPath(settings.Out);
        Directory.CreateDirectory(folder);
        var data = points[0].Run.Data;
        string lossName = data.TrainsBySteps ? "valLoss" : "testLoss";
        var runs = new List<SweepRun>();
        var logs = new List<string>();
        for (int i = 0; i < points.Count; i++)
        {
            var point = points[i];
            string log = Path.Combine(folder, LogName(i + 1, point));
            var run = Run(point, target, log);
            runs.Add(run);
            logs.Add(log);
            string outcome = run.Diverged ? "diverged" : $"{lossName} {run.FinalLoss:F4}{(run.Accuracy is double a ? $", accuracy {a:P2}" : "")}";
            string line = $"[{i + 1}/{points.Count}] {point.Model} {point.Optimizer} lr {SweepPresenter.Rate(point.LearningRate)} seed {point.Seed}: {outcome} ({run.Seconds:F1} s)";
            if (settings.Json) io.Error.WriteLine(line);
            else io.Console.WriteLine(line);
            // Rewritten after every run, so a long sweep that is stopped keeps what it finished.
            WriteSummary(folder, SweepPresenter.Document(runs, logs, SweepSummary.Best(runs), data.Name, lossName, target, data.TrainsBySteps));
            if (plot is not null) SweepPlot.Save(plot, runs, lossName);
        }
        var best = SweepSummary.Best(runs);
        string document = SweepPresenter.Document(runs, logs, best, data.Name, lossName, target, data.TrainsBySteps);
        if (settings.Json) io.Out.WriteLine(document);
        else SweepPresenter.Report(io, runs, best, lossName, target, folder, plot);
        return CliHost.Success;
    }

    /// <summary>Checks every option and every grid point (models parsed, recipes built) before the first run.</summary>
    private static (List<Point> Points, SweepTarget? Target, string? Plot) Prepare(SweepSettings s)
    {
        if (s.Save is not null || s.Resume is not null) throw new UsageException("--save and --resume apply to train; a sweep's runs start fresh");
        if (s.Log is not null) throw new UsageException("--log applies to train; a sweep writes every run's log into --out");
        if (s.Backend.Trim().ToLowerInvariant() != "inproc") throw new UsageException("--backend: a sweep runs in this process (inproc); start train under mpirun for MPI runs");
        if (string.IsNullOrWhiteSpace(s.Out)) throw new UsageException("--out needs a folder name");
        if (File.Exists(s.Out)) throw new UsageException($"--out: '{s.Out}' is a file, not a folder");
        if (s.TargetLoss is not null && s.TargetAccuracy is not null) throw new UsageException("give --target-loss or --target-accuracy, not both");
        double? targetLoss = s.TargetLoss is null ? null : NumberParsing.Positive(s.TargetLoss, "--target-loss");
        double? targetAccuracy = s.TargetAccuracy is null ? null : NumberParsing.Positive(s.TargetAccuracy, "--target-accuracy");
        if (targetAccuracy > 1) throw new UsageException($"--target-accuracy is a fraction in (0, 1], got {s.TargetAccuracy}");
        var target = targetLoss is null && targetAccuracy is null ? null : new SweepTarget(targetLoss, targetAccuracy);
        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");

        if (string.IsNullOrWhiteSpace(s.Model)) throw new UsageException("--model is required: one spec or a comma-separated list");
        IReadOnlyList<string> models;
        try { models = ModelSpec.SplitList(s.Model); }
        catch (ArgumentException e) { throw new UsageException($"--model: {e.Message}"); }
        var optimizers = Items(s.Optimizer, "--optimizer").Select(o => o.ToLowerInvariant()).ToList();
        var rateItems = Items(s.LearningRate, "--lr");
        Unique(models, "--model");
        Unique(optimizers, "--optimizer");
        Unique(rateItems, "--lr");

        // The grid's own mistakes (an unknown optimizer, a bad rate) come before anything slow, such as loading the data.
        foreach (string optimizer in optimizers)
        {
            try { Steepest.Optimizers.OptimizerCatalogue.DefaultLearningRate(optimizer); }
            catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }
        }
        var ratesFor = optimizers.ToDictionary(o => o, o => Rates(rateItems, o).ToList());
        var points = new List<Point>();
        Steepest.Training.TrainingData? data = null;
        foreach (string model in models)
            foreach (string optimizer in optimizers)
                foreach (double rate in ratesFor[optimizer])
                    for (int k = 0; k < s.Seeds; k++)
                    {
                        var single = (TrainSettings)s.Clone();
                        single.Model = model;
                        single.Optimizer = optimizer;
                        single.LearningRate = rate.ToString("R", Invariant);
                        single.Seed = s.Seed + (ulong)k;
                        single.Plot = null;
                        single.Json = true;
                        var plan = TrainCommand.Prepare(single, data);
                        data = plan.Data;
                        points.Add(new Point(plan.Options.Model.ToString(), optimizer, rate, single.Seed, plan));
                    }
        return (points, target, plot);
    }

    /// <summary>Numbers, or ×F (also xF): F times the optimizer's default learning rate, so one grid fits recipes whose rates differ by 100×.</summary>
    private static IEnumerable<double> Rates(IReadOnlyList<string> items, string optimizer)
    {
        foreach (string item in items)
        {
            if (item[0] is not ('x' or 'X' or '×')) { yield return NumberParsing.Positive(item, "--lr"); continue; }
            double factor = NumberParsing.Positive(item[1..], "--lr");
            double? defaultRate;
            try { defaultRate = Steepest.Optimizers.OptimizerCatalogue.DefaultLearningRate(optimizer); }
            catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }
            yield return factor * (defaultRate ?? throw new UsageException($"--lr: {optimizer} has no learning rate to multiply; give numbers"));
        }
    }

    private static List<string> Items(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException($"{option} is required: a comma-separated list");
        var items = text.Split(',').Select(item => item.Trim()).ToList();
        if (items.Any(item => item.Length == 0)) throw new UsageException($"{option}: '{text}' has an empty item");
        return items;
    }

    private static void Unique(IReadOnlyList<string> items, string option)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in items)
            if (!seen.Add(item)) throw new UsageException($"{option}: '{item}' is listed twice");
    }

    /// <summary>One train run; divergence is an outcome, not an error.</summary>
    private static SweepRun Run(Point point, SweepTarget? target, string logPath)
    {
        bool text = point.Run.Data.TrainsBySteps;
        var clock = Stopwatch.StartNew();
        var observer = new Recorder(logPath, text);
        TrainingResult? result = null;
        try { result = Trainer.Train(point.Run.Data, point.Run.Options, observer); }
        catch (TrainingDivergedException) { }
        finally { observer.Dispose(); }
        double seconds = clock.Elapsed.TotalSeconds;
        var final = result?.Final;
        bool diverged = final is null || !double.IsFinite(final.TestLoss);
        double? time = target?.TimeIn(observer.History);
        return new SweepRun(point.Model, point.Optimizer, point.LearningRate, point.Seed, diverged ? null : final!.TestLoss,
            diverged ? null : final!.TestAccuracy, seconds, diverged, time);
    }

    /// <summary>Writes each evaluation to the run's log and keeps it for the time to target.</summary>
    private sealed class Recorder : ITrainingObserver, IDisposable
    {
        private readonly JsonlLog log;
        private readonly bool countsSteps;

        public Recorder(string path, bool countsSteps)
        {
            // Every run has its log in --out, even one that diverged before its first evaluation (then it is empty).
            File.WriteAllBytes(path, []);
            log = new JsonlLog(path, append: true);
            this.countsSteps = countsSteps;
        }

        public List<EpochMetrics> History { get; } = [];
        public void OnStep(TrainingProgress progress) { }
        public void OnEvaluation(EpochMetrics metrics)
        {
            History.Add(metrics);
            log.Write(metrics, countsSteps);
        }
        public void Dispose() => log.Dispose();
    }

    private static void WriteSummary(string folder, string document) =>
        AtomicFile.Write(Path.Combine(folder, "sweep.json"), temporary => File.WriteAllText(temporary, document + "\n", new UTF8Encoding(false)));

    private static string LogName(int index, Point point)
    {
        var name = new StringBuilder($"{index:D3}-");
        foreach (char c in $"{point.Model}-{point.Optimizer}-lr{SweepPresenter.Rate(point.LearningRate)}-seed{point.Seed}")
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        return name.Append(".jsonl").ToString();
    }
}
