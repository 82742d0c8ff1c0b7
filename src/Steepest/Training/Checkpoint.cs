using System.Text.Json;
using System.Text.Json.Serialization;
using Steepest.IO;
using Steepest.Optimizers;

namespace Steepest.Training;

/// <summary>
/// A training checkpoint folder: model.bin (parameters), optimizer.bin (complete optimizer state) and trainer.json (the
/// configuration, the completed rounds and steps, and the metrics so far). Batches are a function of the seed and the
/// step (the epoch's shuffle, or the step's windows), so the step count is the whole random state. trainer.json is
/// written last, so a folder without it is not a checkpoint.
/// </summary>
public static class Checkpoint
{
    private const string ModelFile = "model.bin", OptimizerFile = "optimizer.bin", StateFile = "trainer.json";

    /// <summary>Writes the checkpoint after <paramref name="completedRounds"/> rounds (epochs, or evaluations) and <paramref name="completedSteps"/> steps.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="resolvedSchedule">The schedule as the optimizer runs it ("cosine" resolved to cosine:STEPS).</param>
    /// <param name="trainCount">Training examples or tokens.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="optimizer">The optimizer and its state.</param>
    /// <param name="completedRounds">Epochs, or evaluations, done.</param>
    /// <param name="completedSteps">Steps done.</param>
    /// <param name="history">Every evaluation so far.</param>
    public static void Save(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount, IReadOnlyList<Parameter> parameters, Optimizer optimizer,
        int completedRounds, long completedSteps, IReadOnlyList<EpochMetrics> history)
    {
        Directory.CreateDirectory(folder);
        ParameterFile.Save(parameters, Path.Combine(folder, ModelFile));
        OptimizerStateFile.Save(optimizer, Path.Combine(folder, OptimizerFile));
        var state = new State
        {
            CompletedEpochs = completedRounds,
            CompletedSteps = completedSteps,
            Configuration = Describe(options, resolvedSchedule, trainCount),
            History = history.ToList(),
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(state, CheckpointContext.Default.State);
        AtomicWrite.ToPath(Path.Combine(folder, StateFile), temporary => File.WriteAllBytes(temporary, json));
    }

    /// <summary>
    /// Loads a checkpoint into the model and optimizer and returns the completed rounds, the completed steps (0 in
    /// checkpoints written before steps were recorded) and the history.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">Not a checkpoint, a part missing or corrupt, or made with a different configuration.</exception>
    /// <exception cref="InvalidDataException">model.bin or optimizer.bin does not fit the model or the optimizer.</exception>
    public static (int CompletedRounds, long CompletedSteps, List<EpochMetrics> History) Load(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount,
        IReadOnlyList<Parameter> parameters, Optimizer optimizer)
    {
        var state = Verify(folder, options, resolvedSchedule, trainCount);
        ParameterFile.Load(parameters, Path.Combine(folder, ModelFile));
        OptimizerStateFile.Load(optimizer, Path.Combine(folder, OptimizerFile));
        return (state.CompletedEpochs, state.CompletedSteps, state.History);
    }

    /// <summary>Checks, before any training, that <paramref name="folder"/> is a complete checkpoint this run can continue (see <see cref="Load"/>).</summary>
    /// <exception cref="InvalidCheckpointException">Not a checkpoint, a part missing or corrupt, or made with a different configuration.</exception>
    /// <returns>The completed rounds and steps (0 steps in checkpoints written before steps were recorded).</returns>
    public static (int CompletedRounds, long CompletedSteps) Check(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount)
    {
        var state = Verify(folder, options, resolvedSchedule, trainCount);
        return (state.CompletedEpochs, state.CompletedSteps);
    }

    private static State Verify(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path)) throw new InvalidCheckpointException($"'{folder}' is not a checkpoint (no {StateFile})");
        State state;
        try { state = JsonSerializer.Deserialize(File.ReadAllBytes(path), CheckpointContext.Default.State) ?? throw new JsonException("empty"); }
        catch (JsonException) { throw new InvalidCheckpointException($"the checkpoint in '{folder}' has a corrupt {StateFile}"); }
        var expected = Describe(options, resolvedSchedule, trainCount);
        foreach (var (key, value) in expected)
            if (state.Configuration.TryGetValue(key, out var saved) ? saved != value : !AddedLater.Contains(key))
                throw new InvalidCheckpointException($"the checkpoint in '{folder}' was made with {key} = {(saved ?? "nothing")}, this run has {value}; resume with the same settings");
        foreach (var (file, what) in new[] { (ModelFile, "the model's parameters"), (OptimizerFile, "the optimizer's state") })
            if (!File.Exists(Path.Combine(folder, file)))
                throw new InvalidCheckpointException($"the checkpoint in '{folder}' is missing {file} ({what})");
        return state;
    }

    /// <summary>Settings recorded only since a later version: a checkpoint without them is still resumed.</summary>
    private static readonly HashSet<string> AddedLater = ["resolvedSchedule", "momentum", "masses"];

    /// <summary>
    /// The settings that must match for a resumed run to continue the same computation. The schedule is recorded as
    /// given and as resolved ("cosine" spans the run: cosine:STEPS), so a longer run may extend a constant learning
    /// rate but not stretch a cosine that is already half way down.
    /// </summary>
    private static Dictionary<string, string> Describe(TrainingOptions o, string? resolvedSchedule, int trainCount) => new()
    {
        ["resolvedSchedule"] = resolvedSchedule ?? "constant",
        ["model"] = o.Model.ToString(),
        ["optimizer"] = o.Optimizer,
        ["learningRate"] = o.OptimizerSettings.LearningRate?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "default",
        ["weightDecay"] = o.OptimizerSettings.WeightDecay?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "default",
        ["schedule"] = o.OptimizerSettings.Schedule ?? "constant",
        ["momentum"] = o.OptimizerSettings.Momentum?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "default",
        ["masses"] = o.Masses is null || o.Masses.Count == 0 ? "default"
            : string.Join(",", o.Masses.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")),
        ["batch"] = o.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = o.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["workers"] = o.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["strategy"] = o.Workers == 1 ? "none" : o.Strategy,
        ["trainExamples"] = trainCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal sealed class State
    {
        public int Format { get; set; } = 1;
        public int CompletedEpochs { get; set; }
        public long CompletedSteps { get; set; }
        public Dictionary<string, string> Configuration { get; set; } = [];
        public List<EpochMetrics> History { get; set; } = [];
    }
}

/// <summary>Source-generated JSON metadata for trainer.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(Checkpoint.State))]
internal sealed partial class CheckpointContext : JsonSerializerContext;
