using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Presenters;
using Steepest.Data;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;
using Steepest.Models;
using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.Training;
using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Precision;
using Steepest.Distributed.Reducers;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest train</c>: any model on MNIST, Fashion-MNIST or a text file with any optimizer, on one worker or many, with progress, logs, plots and checkpoints.</summary>
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
            var strategy = GradientReducers.Find(plan.Options.Strategy);
            if (strategy is { ExtraRanks: > 0 } && mpi.Size < strategy.ExtraRanks + 1)
                throw new UsageException($"{strategy.Title} needs at least {strategy.ExtraRanks + 1} ranks");
            if (plan.Options.FailingWorker >= mpi.Size)
                throw new UsageException($"--inject-failure must name a rank in 0..{mpi.Size - 1}, got {plan.Options.FailingWorker}");
            plan = plan with { Options = plan.Options with { Workers = GradientReducers.WorkersFor(plan.Options.Strategy, mpi.Size) } };
        }
        // Only rank 0 reports, logs and plots; the other ranks train silently.
        bool reporting = mpi is null || mpi.Rank == 0;
        if (reporting && plan.ResumeNote is not null) io.Error.WriteLine($"steepest: warning: {plan.ResumeNote}");
        using var log = reporting && plan.LogPath is not null ? new JsonlLog(plan.LogPath, append: plan.Options.ResumeFolder is not null) : null;
        var observer = new ConsoleObserver(io, settings.Json, log);
        var result = mpi is null
            ? observer.Track(() => Trainer.Train(plan.Data, plan.Options, observer))
            : Trainer.RunRank(mpi, plan.Data, plan.Options, reporting ? observer : null);
        if (reporting) TrainingPresenter.Report(plan, result, io, settings.Json);
        return CliHost.Success;
    }

    /// <summary>The validated run: data, options and output targets.</summary>
    public sealed record PreparedRun(TrainingData Data, TrainingOptions Options, string Backend, string? PlotPath, string? LogPath)
    {
        /// <summary>Set when the --resume folder's newest generation was torn and an older one is used: said on stderr.</summary>
        public string? ResumeNote { get; init; }
    }

    /// <summary>Validates every option and loads the data before any training: bad input costs nothing.</summary>
    public static PreparedRun Prepare(TrainSettings s) => Prepare(s, null);

    /// <summary>As <see cref="Prepare(TrainSettings)"/>, with the data already loaded (a sweep loads it once).</summary>
    public static PreparedRun Prepare(TrainSettings s, TrainingData? loaded)
    {
        bool text = DatasetCatalogue.IsText(s.Dataset);
        if (string.IsNullOrWhiteSpace(s.Model))
            throw new UsageException($"--model is required ({(text ? "gpt:layers=2,width=128,heads=4,context=128" : "softmax, mlp:784-512-512-10 or cnn:32-64")})");
        if (string.IsNullOrWhiteSpace(s.Optimizer)) throw new UsageException($"--optimizer is required ({string.Join(", ", OptimizerCatalogue.Names)})");
        if (text)
        {
            if (s.Epochs is not null) throw new UsageException("--epochs: a text dataset trains on random windows, counted with --steps");
            if (s.Limit is not null || s.TestLimit is not null) throw new UsageException("--limit and --test-limit apply to image datasets; a text dataset uses --steps and --eval-windows");
        }
        else if (s.Steps is not null || s.EvaluateEvery is not null || s.EvaluationWindows is not null)
            throw new UsageException("--steps, --eval-every and --eval-windows apply to text datasets; an image dataset trains by --epochs");
        int epochs = s.Epochs ?? 10, steps = s.Steps ?? 1000, every = s.EvaluateEvery ?? 100, windows = s.EvaluationWindows ?? 256;
        if (epochs < 1 || epochs > 100_000) throw new UsageException($"--epochs must be between 1 and 100000, got {epochs}");
        if (steps < 1 || steps > 100_000_000) throw new UsageException($"--steps must be between 1 and 100000000, got {steps}");
        if (every < 1) throw new UsageException($"--eval-every must be ≥ 1, got {every}");
        if (windows < 1 || windows > 1 << 20) throw new UsageException($"--eval-windows must be between 1 and {1 << 20}, got {windows}");
        string strategy = s.Strategy.Trim().ToLowerInvariant();
        if (!GradientReducers.IsKnown(strategy)) throw new UsageException($"--strategy: unknown strategy '{s.Strategy}'; known: {string.Join(", ", GradientReducers.Names)}");
        string backend = s.Backend.Trim().ToLowerInvariant();
        if (backend is not ("inproc" or "mpi")) throw new UsageException($"--backend must be inproc or mpi, got '{s.Backend}'");
        if (s.InjectFailure is int bad)
        {
            // Under mpirun the ranks are known only once MPI starts; Execute checks them there.
            int ranks = backend == "mpi" ? 256 : s.Workers == 1 ? 1 : GradientReducers.RanksFor(strategy, s.Workers);
            if (bad < 0 || bad >= ranks) throw new UsageException($"--inject-failure must name a rank in 0..{ranks - 1}, got {bad}");
        }
        if (s.Limit is < 1) throw new UsageException($"--limit must be ≥ 1, got {s.Limit}");
        if (s.TestLimit is < 1) throw new UsageException($"--test-limit must be ≥ 1, got {s.TestLimit}");

        var optimizerSettings = new OptimizerSettings
        {
            LearningRate = s.LearningRate is null ? null : NumberParsing.Positive(s.LearningRate, "--lr"),
            WeightDecay = s.WeightDecay is null ? null : NonNegative(s.WeightDecay, "--weight-decay"),
            Schedule = s.Schedule,
            AuxiliaryLearningRate = s.AuxiliaryLearningRate is null ? null : NumberParsing.Positive(s.AuxiliaryLearningRate, "--aux-lr"),
            MuonOnInputLayer = s.MuonInput,
            Momentum = s.Momentum is null ? null : NonNegative(s.Momentum, "--momentum"),
            StatePrecision = ParsePrecision(s.StatePrecision),
        };
        var masses = s.Mass is null ? null : ParseMasses(s.Mass);
        if (s.Schedule is not null)
        {
            // The run's length is known only once the data is; any length checks the spelling now.
            try { LearningRateSchedule.Parse(s.Schedule, 1, totalSteps: 1); }
            catch (ArgumentException e) { throw new UsageException($"--schedule: {e.Message}"); }
        }
        try
        {
            var probe = optimizerSettings.Schedule is { } spec ? optimizerSettings with { Schedule = LearningRateSchedule.ForRun(spec, 1) } : optimizerSettings;
            // The real modular norm needs the model; any norm lets the recipe check its other settings now.
            probe = probe with { ModelNorm = new MaxCombinationNorm([new NormBlock(new LInfinityNorm(), 1, 1)]) };
            OptimizerCatalogue.Create(s.Optimizer, probe);
        }
        catch (InvalidHyperparameterException e) { throw HyperparameterOptions.Blame(e); }
        catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }

        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        string? log = s.Log is null ? null : AtomicFile.ValidateTarget(s.Log, "--log");
        if (s.Save is not null && File.Exists(s.Save)) throw new UsageException($"--save: '{s.Save}' is a file, not a folder");
        string? resumeNote = null;
        if (s.Resume is not null)
        {
            // Before the data loads: a folder that holds no complete checkpoint costs nothing.
            try { resumeNote = Checkpoint.Select(s.Resume).FallbackNote; }
            catch (InvalidCheckpointException e) { throw new UsageException($"--resume: {e.Message}"); }
        }

        var data = loaded ?? DatasetCatalogue.Load(s.Dataset, s.Data, s.Download, s.Mirror, s.Limit, s.TestLimit);
        ModelSpec model;
        try { model = ModelSpec.Parse(s.Model, data.Shape); }
        catch (ArgumentException e) { throw new UsageException($"--model: {e.Message}"); }

        var options = new TrainingOptions
        {
            Model = model,
            Optimizer = s.Optimizer.Trim().ToLowerInvariant(),
            OptimizerSettings = optimizerSettings,
            Epochs = epochs,
            Steps = steps,
            EvaluateEvery = every,
            EvaluationWindows = windows,
            Batch = s.Batch,
            Seed = s.Seed,
            Workers = backend == "mpi" ? 1 : s.Workers,
            Strategy = strategy,
            ErrorFeedback = s.ErrorFeedback,
            FailingWorker = s.InjectFailure,
            SaveFolder = s.Save,
            ResumeFolder = s.Resume,
            Masses = masses,
        };
        try { Trainer.Validate(data, options); }
        catch (InvalidCheckpointException e) { throw new UsageException($"--resume: {e.Message}"); }
        catch (ArgumentException e) { throw new UsageException($"{(data.TrainsBySteps ? "--dataset" : "--model")}: {e.Message}"); }
        return new PreparedRun(data, options, backend, plot, log) { ResumeNote = resumeNote };
    }

    private static Dictionary<string, double> ParseMasses(string text)
    {
        var masses = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string item in text.Split(','))
        {
            int at = item.LastIndexOf('=');
            if (at <= 0) throw new UsageException($"--mass: '{item}' is not NAME=MASS");
            string name = item[..at].Trim();
            double mass = NumberParsing.Positive(item[(at + 1)..], "--mass");
            if (!masses.TryAdd(name, mass)) throw new UsageException($"--mass: {name} is given twice");
        }
        return masses;
    }

    private static double NonNegative(string text, string option)
    {
        double value = NumberParsing.Number(text, option);
        if (value < 0) throw new UsageException($"{option} must be ≥ 0, got {text}");
        return value;
    }

    /// <summary>--state-precision: fp32, bf16 or int8 (absent: fp32).</summary>
    internal static StatePrecision ParsePrecision(string? text)
    {
        if (text is null) return StatePrecision.Fp32;
        try { return StatePrecisions.Parse(text); }
        catch (ArgumentException e) { throw new UsageException($"--state-precision: {e.Message}"); }
    }
}
