using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Data;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;
using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Training;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest train</c>: MNIST with any optimizer, on one worker or many, with progress, logs, plots and checkpoints.</summary>
public sealed class TrainCommand(CliOutput io) : Command<TrainSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var plan = Prepare(settings);
        ICommunicator? mpi = null;
        if (plan.Backend == "mpi")
        {
            mpi = MpiRuntime.Initialize();
            if (settings.Workers != 1 && settings.Workers != mpi.Size) throw new UsageException($"--workers {settings.Workers} does not match the {mpi.Size} ranks mpirun started");
            if (plan.Options.Strategy == "parameter-server" && mpi.Size < 2) throw new UsageException("the parameter server needs at least 2 ranks");
            plan = plan with { Options = plan.Options with { Workers = plan.Options.Strategy == "parameter-server" ? mpi.Size - 1 : mpi.Size } };
        }
        // Only rank 0 reports, logs and plots; the other ranks train silently.
        bool reporting = mpi is null || mpi.Rank == 0;
        using var log = reporting && plan.LogPath is not null ? new JsonlLog(plan.LogPath, append: plan.Options.ResumeFolder is not null) : null;
        var observer = new ConsoleObserver(io, settings.Json, log);
        var result = mpi is null
            ? observer.Track(plan.Options.Epochs, () => Trainer.Train(plan.Train, plan.Test, plan.Options, observer))
            : Trainer.RunRank(mpi, plan.Train, plan.Test, plan.Options, reporting ? observer : null);
        if (reporting) Report(plan, result, io, settings.Json);
        return CliHost.Success;
    }

    /// <summary>The validated run: data, options and output targets.</summary>
    public sealed record Plan(ImageDataset Train, ImageDataset Test, TrainingOptions Options, string Backend, string? PlotPath, string? LogPath);

    /// <summary>Validates every option and loads the data before any training: bad input costs nothing.</summary>
    public static Plan Prepare(TrainSettings s)
    {
        if (s.Dataset.Trim().ToLowerInvariant() != "mnist") throw new UsageException($"--dataset: unknown dataset '{s.Dataset}'; known: mnist");
        if (string.IsNullOrWhiteSpace(s.Model)) throw new UsageException("--model is required (softmax, or mlp:784-512-512-10)");
        if (string.IsNullOrWhiteSpace(s.Optimizer)) throw new UsageException($"--optimizer is required ({string.Join(", ", OptimizerCatalogue.Names)})");
        if (s.Epochs < 1 || s.Epochs > 100_000) throw new UsageException($"--epochs must be between 1 and 100000, got {s.Epochs}");
        if (s.Batch < 1 || s.Batch > 1 << 20) throw new UsageException($"--batch must be between 1 and {1 << 20}, got {s.Batch}");
        if (s.Workers < 1 || s.Workers > 256) throw new UsageException($"--workers must be between 1 and 256, got {s.Workers}");
        string strategy = s.Strategy.Trim().ToLowerInvariant();
        if (!GradientReducers.IsKnown(strategy)) throw new UsageException($"--strategy: unknown strategy '{s.Strategy}'; known: {string.Join(", ", GradientReducers.Names)}");
        string backend = s.Backend.Trim().ToLowerInvariant();
        if (backend is not ("inproc" or "mpi")) throw new UsageException($"--backend must be inproc or mpi, got '{s.Backend}'");
        if (s.Limit is < 1) throw new UsageException($"--limit must be ≥ 1, got {s.Limit}");
        if (s.TestLimit is < 1) throw new UsageException($"--test-limit must be ≥ 1, got {s.TestLimit}");

        var optimizerSettings = new OptimizerSettings
        {
            LearningRate = s.LearningRate is null ? null : NumberParsing.Positive(s.LearningRate, "--lr"),
            WeightDecay = s.WeightDecay is null ? null : NonNegative(s.WeightDecay, "--weight-decay"),
            Schedule = s.Schedule,
            AuxiliaryLearningRate = s.AuxiliaryLearningRate is null ? null : NumberParsing.Positive(s.AuxiliaryLearningRate, "--aux-lr"),
            MuonOnInputLayer = s.MuonInput,
        };
        try
        {
            var probe = optimizerSettings.Schedule?.Trim().ToLowerInvariant() == "cosine" ? optimizerSettings with { Schedule = "cosine:1" } : optimizerSettings;
            OptimizerCatalogue.Create(s.Optimizer, probe);
        }
        catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }

        ModelSpec model;
        try { model = ModelSpec.Parse(s.Model, 784, 10); }
        catch (ArgumentException e) { throw new UsageException($"--model: {e.Message}"); }

        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        string? log = s.Log is null ? null : AtomicFile.ValidateTarget(s.Log, "--log");
        if (s.Save is not null && File.Exists(s.Save)) throw new UsageException($"--save: '{s.Save}' is a file, not a folder");
        if (s.Resume is not null && !File.Exists(Path.Combine(s.Resume, "trainer.json")))
            throw new UsageException($"--resume: '{s.Resume}' is not a checkpoint folder (no trainer.json)");

        var (train, test) = LoadData(s);
        if (s.Limit is int limit) train = train.Take(limit);
        if (s.TestLimit is int testLimit) test = test.Take(testLimit);

        var options = new TrainingOptions
        {
            Model = model,
            Optimizer = s.Optimizer.Trim().ToLowerInvariant(),
            OptimizerSettings = optimizerSettings,
            Epochs = s.Epochs,
            Batch = s.Batch,
            Seed = s.Seed,
            Workers = backend == "mpi" ? 1 : s.Workers,
            Strategy = strategy,
            ErrorFeedback = s.ErrorFeedback,
            SaveFolder = s.Save,
            ResumeFolder = s.Resume,
        };
        return new Plan(train, test, options, backend, plot, log);
    }

    private static double NonNegative(string text, string option)
    {
        double value = NumberParsing.Number(text, option);
        if (value < 0) throw new UsageException($"{option} must be ≥ 0, got {text}");
        return value;
    }

    private static (ImageDataset Train, ImageDataset Test) LoadData(TrainSettings s)
    {
        string? folder;
        try { folder = MnistFiles.Locate(s.Data); }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException) { throw new UsageException($"--data: {e.Message}"); }
        if (folder is null)
        {
            string mirror = s.Mirror ?? Environment.GetEnvironmentVariable("STEEPEST_MNIST_MIRROR") ?? MnistFiles.DefaultMirror;
            if (!s.Download)
                throw new UsageException($"MNIST not found: pass --data DIR, set STEEPEST_DATA, or add --download to fetch it from {mirror} into {MnistFiles.CacheFolder}");
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new UsageException($"--mirror: '{mirror}' is not an http(s) URL");
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            folder = MnistFiles.DownloadAsync(mirror, client).GetAwaiter().GetResult();
        }
        try { return MnistFiles.Load(folder); }
        catch (InvalidDataException e) { throw new UsageException($"bad MNIST data: {e.Message}"); }
    }

    /// <summary>The final table (or JSON), and the curves plot.</summary>
    public static void Report(Plan plan, TrainingResult result, CliOutput io, bool json)
    {
        if (plan.PlotPath is not null) TrainingCurvesPlot.Save(plan.PlotPath, [(plan.Options.Optimizer, result.History)]);
        var fresh = result.History.Skip(Math.Max(0, result.History.Count - plan.Options.Epochs)).ToList();
        double secondsPerEpoch = result.History.Average(m => m.Seconds);
        double samplesPerSecond = result.History.Average(m => m.SamplesPerSecond);
        var final = result.Final;
        string strategy = plan.Options.Workers > 1 || plan.Backend == "mpi" ? plan.Options.Strategy : "none";
        int workers = plan.Options.Workers;
        if (json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.Number("testAccuracy", final.TestAccuracy);
                w.Number("testLoss", final.TestLoss);
                w.WriteNumber("epochs", final.Epoch);
                w.Number("secondsPerEpoch", secondsPerEpoch);
                w.Number("samplesPerSecond", samplesPerSecond);
                w.WriteString("optimizer", plan.Options.Optimizer);
                w.WriteNumber("workers", plan.Options.Workers);
                w.WriteString("strategy", strategy);
                w.WriteString("model", plan.Options.Model.ToString());
                w.WriteNumber("batch", plan.Options.Batch);
                w.WriteNumber("parameters", result.ParameterCount);
                w.Number("trainLoss", final.TrainLoss);
                w.Number("trainAccuracy", final.TrainAccuracy);
                w.WriteString("plan", result.Plan);
                w.WriteEndObject();
            }));
            return;
        }
        var table = new Table().AddColumns("epoch", "train loss", "train acc", "test loss", "test acc", "s/epoch", "samples/s", "lr");
        foreach (var m in result.History)
            table.AddRow($"{m.Epoch}", $"{m.TrainLoss:F4}", $"{m.TrainAccuracy:P2}", $"{m.TestLoss:F4}", $"{m.TestAccuracy:P2}", $"{m.Seconds:F2}",
                $"{m.SamplesPerSecond:N0}", m.LearningRate.ToString("G3", CultureInfo.InvariantCulture));
        io.Console.Write(table);
        io.Console.WriteLine($"{plan.Options.Model} ({result.ParameterCount:N0} parameters), {plan.Options.Optimizer} [{result.Plan}], batch {plan.Options.Batch}, " +
            $"{plan.Options.Workers} worker{(plan.Options.Workers == 1 ? "" : "s")}{(strategy == "none" ? "" : $" ({strategy})")}: " +
            $"test accuracy {final.TestAccuracy:P2}, {secondsPerEpoch:F2} s/epoch, {samplesPerSecond:N0} samples/s");
        if (plan.PlotPath is not null) io.Console.WriteLine($"plot: {plan.PlotPath}");
    }
}
