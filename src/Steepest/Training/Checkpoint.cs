using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Steepest.Optimizers;
using Steepest.Optimizers.Precision;

namespace Steepest.Training;

/// <summary>
/// A training checkpoint folder. Every save writes a new generation, DIR/generation-STEPS, holding model.bin
/// (parameters), optimizer.bin (complete optimizer state), trainer.json (the configuration, the completed rounds and
/// steps, and the metrics so far) and, last, manifest.json with each file's SHA-256. The generation is written under a
/// hidden name and published with one rename, and the previous generation stays until the next one is complete, so
/// a crash at any point leaves a complete checkpoint to resume from. Batches are a function of the seed and the step
/// (the epoch's shuffle, or the step's windows), so the step count is the whole random state.
/// </summary>
public static class Checkpoint
{
    private const string ModelFile = "model.bin", OptimizerFile = "optimizer.bin", StateFile = "trainer.json", Prefix = "generation-";
    private static readonly string[] Parts = [ModelFile, OptimizerFile, StateFile];

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
    /// <param name="supersede">True for a run's first save when it did not resume from this folder: the folder's older generations belong to another run and are removed.</param>
    public static void Save(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount, IReadOnlyList<Parameter> parameters, Optimizer optimizer,
        int completedRounds, long completedSteps, IReadOnlyList<EpochMetrics> history, bool supersede = false)
    {
        Directory.CreateDirectory(folder);
        RemoveUnfinished(folder);
        string name = Prefix + completedSteps.ToString(CultureInfo.InvariantCulture);
        string staging = Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            ParameterFile.Save(parameters, Path.Combine(staging, ModelFile));
            OptimizerStateFile.Save(optimizer, Path.Combine(staging, OptimizerFile));
            var state = new State
            {
                CompletedEpochs = completedRounds,
                CompletedSteps = completedSteps,
                Configuration = Describe(options, resolvedSchedule, trainCount),
                History = history.ToList(),
            };
            File.WriteAllBytes(Path.Combine(staging, StateFile), JsonSerializer.SerializeToUtf8Bytes(state, CheckpointContext.Default.State));
            CheckpointManifest.Write(staging, Parts);
            string target = Path.Combine(folder, name);
            if (Directory.Exists(target))
            {
                // The same step saved again: move the old one aside first, so a crash between the two renames still
                // leaves the previous generation.
                string replaced = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.replaced");
                Directory.Move(target, replaced);
                Directory.Move(staging, target);
                Directory.Delete(replaced, recursive: true);
            }
            else Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        Prune(folder, completedSteps, supersede);
    }

    /// <summary>
    /// The newest complete generation of <paramref name="folder"/>: its manifest present and every part matching its
    /// SHA-256. Torn newer generations are skipped, and the result says so. A folder of the earlier flat layout
    /// (trainer.json beside model.bin and optimizer.bin, no generations) is itself the checkpoint, without checksums.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">Not a checkpoint folder, or no generation is complete (the message names the newest one's bad file).</exception>
    public static CheckpointGeneration Select(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidCheckpointException($"'{folder}' is not a checkpoint folder");
        var generations = Generations(folder).OrderByDescending(g => g.Steps).ToList();
        if (generations.Count == 0)
            return File.Exists(Path.Combine(folder, StateFile)) ? new CheckpointGeneration(folder, null)
                : throw new InvalidCheckpointException($"'{folder}' is not a checkpoint (no {Prefix}STEPS folder, no {StateFile})");
        string? newestProblem = null;
        foreach (var (path, _) in generations)
        {
            string? problem = CheckpointManifest.Problem(path, Parts);
            if (problem is null)
                return new CheckpointGeneration(path, newestProblem is null ? null
                    : $"the newest checkpoint in '{folder}', {Path.GetFileName(generations[0].Path)}, is torn ({newestProblem}); resuming from {Path.GetFileName(path)}");
            newestProblem ??= problem;
        }
        throw new InvalidCheckpointException($"the checkpoint in '{folder}' is torn: {Path.GetFileName(generations[0].Path)}/{newestProblem}, and no older generation is complete");
    }

    /// <summary>The folder holding the newest complete generation's model.bin, optimizer.bin and trainer.json.</summary>
    public static string Latest(string folder) => Select(folder).Folder;

    /// <summary>
    /// Loads a checkpoint into the model and optimizer and returns the completed rounds, the completed steps (0 in
    /// checkpoints written before steps were recorded) and the history.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">Not a checkpoint, a part missing, torn or corrupt, or made with a different configuration.</exception>
    /// <exception cref="InvalidDataException">model.bin or optimizer.bin does not fit the model or the optimizer.</exception>
    public static (int CompletedRounds, long CompletedSteps, List<EpochMetrics> History) Load(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount,
        IReadOnlyList<Parameter> parameters, Optimizer optimizer)
    {
        string generation = Select(folder).Folder;
        var state = Verify(folder, generation, options, resolvedSchedule, trainCount);
        ParameterFile.Load(parameters, Path.Combine(generation, ModelFile));
        OptimizerStateFile.Load(optimizer, Path.Combine(generation, OptimizerFile));
        return (state.CompletedEpochs, state.CompletedSteps, state.History);
    }

    /// <summary>Checks, before any training, that <paramref name="folder"/> holds a complete checkpoint this run can continue (see <see cref="Load"/>).</summary>
    /// <exception cref="InvalidCheckpointException">Not a checkpoint, a part missing, torn or corrupt, or made with a different configuration.</exception>
    /// <returns>The completed rounds and steps (0 steps in checkpoints written before steps were recorded).</returns>
    public static (int CompletedRounds, long CompletedSteps) Check(string folder, TrainingOptions options, string? resolvedSchedule, int trainCount)
    {
        var state = Verify(folder, Select(folder).Folder, options, resolvedSchedule, trainCount);
        return (state.CompletedEpochs, state.CompletedSteps);
    }

    private static State Verify(string folder, string generation, TrainingOptions options, string? resolvedSchedule, int trainCount)
    {
        string path = Path.Combine(generation, StateFile);
        if (!File.Exists(path)) throw new InvalidCheckpointException($"'{folder}' is not a checkpoint (no {StateFile})");
        State state;
        try { state = JsonSerializer.Deserialize(File.ReadAllBytes(path), CheckpointContext.Default.State) ?? throw new JsonException("empty"); }
        catch (JsonException) { throw new InvalidCheckpointException($"the checkpoint in '{folder}' has a corrupt {StateFile}"); }
        var expected = Describe(options, resolvedSchedule, trainCount);
        foreach (var (key, value) in expected)
            if (state.Configuration.TryGetValue(key, out var saved) ? saved != value : !(AddedLater.TryGetValue(key, out var implied) && (implied is null || implied == value)))
                throw new InvalidCheckpointException($"the checkpoint in '{folder}' was made with {key} = {(saved ?? "nothing")}, this run has {value}; resume with the same settings");
        foreach (var (file, what) in new[] { (ModelFile, "the model's parameters"), (OptimizerFile, "the optimizer's state") })
            if (!File.Exists(Path.Combine(generation, file)))
                throw new InvalidCheckpointException($"the checkpoint in '{folder}' is missing {file} ({what})");
        return state;
    }

    private static IEnumerable<(string Path, long Steps)> Generations(string folder) =>
        Directory.GetDirectories(folder, Prefix + "*")
            .Select(path => (Path: path, Ok: long.TryParse(Path.GetFileName(path)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out long steps), Steps: steps))
            .Where(g => g.Ok)
            .Select(g => (g.Path, g.Steps));

    /// <summary>Removes the staging folders of saves that were killed before their rename.</summary>
    private static void RemoveUnfinished(string folder)
    {
        foreach (string dir in Directory.GetDirectories(folder, $".{Prefix}*"))
            if (dir.EndsWith(".tmp", StringComparison.Ordinal) || dir.EndsWith(".replaced", StringComparison.Ordinal))
                Directory.Delete(dir, recursive: true);
    }

    /// <summary>Keeps the generation just written and the newest one before it (the fallback); a superseding save keeps only its own.</summary>
    private static void Prune(string folder, long steps, bool supersede)
    {
        var older = Generations(folder).Where(g => g.Steps != steps).OrderByDescending(g => g.Steps).ToList();
        // Generations past this one come from another run of the folder; they are never a fallback for this one.
        var keep = supersede ? null : older.FirstOrDefault(g => g.Steps < steps).Path;
        foreach (var (path, _) in older)
            if (path != keep) Directory.Delete(path, recursive: true);
    }

    /// <summary>
    /// Settings recorded only since a later version: a checkpoint without them is still resumed, by any run (null) or
    /// by a run whose value is the one every earlier checkpoint had (statePrecision: all state was fp32).
    /// </summary>
    private static readonly Dictionary<string, string?> AddedLater = new() { ["resolvedSchedule"] = null, ["momentum"] = null, ["masses"] = null, ["statePrecision"] = "fp32" };

    /// <summary>
    /// The settings that must match for a resumed run to continue the same computation. The schedule is recorded as
    /// given and as resolved ("cosine" spans the run: cosine:STEPS), so a longer run may extend a constant learning
    /// rate but not stretch a cosine that is already half way down.
    /// </summary>
    private static Dictionary<string, string> Describe(TrainingOptions o, string? resolvedSchedule, int trainCount)
    {
        var configuration = new Dictionary<string, string>
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
        configuration["statePrecision"] = o.OptimizerSettings.StatePrecision.Name();
        return configuration;
    }

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
