using System.Diagnostics;
using Steepest.Data;
using Steepest.Distributed;
using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Threading;
using Steepest.Optimizers.Schedules;
using Steepest.Distributed.Reducers;
using Steepest.LinearAlgebra;

namespace Steepest.Training;

/// <summary>
/// Trains any model with any optimizer of the catalogue, on one worker or data-parallel on several. Every rank builds
/// the same network from the seed, fills the same global batch for every step (a function of the seed and the step),
/// computes the gradient of its shard scaled by n/(B·T) (T targets per example), and averages it with the chosen
/// reducer: the average is exactly the gradient of the global batch's mean loss per target, and since every reducer
/// leaves identical bits on every rank, the replicas stay identical. With the parameter server the last rank holds no
/// data and only serves the averages. Rank 0 evaluates, reports and saves after every round (epoch, or
/// <see cref="TrainingOptions.EvaluateEvery"/> steps).
/// </summary>
public static class Trainer
{
    /// <summary>Trains on labelled images (or vectors) for options.Epochs epochs.</summary>
    public static TrainingResult Train(ImageDataset train, ImageDataset test, TrainingOptions options, ITrainingObserver? observer = null) =>
        Train(new ImageTrainingData(train, test), options, observer);

    /// <summary>Trains on this machine: one worker, or options.Workers in-process ranks.</summary>
    public static TrainingResult Train(TrainingData data, TrainingOptions options, ITrainingObserver? observer = null)
    {
        Validate(data, options);
        if (options.Workers == 1) return RunRank(null, data, options, observer);
        int ranks = GradientReducers.RanksFor(options.Strategy, options.Workers);
        // Each rank's kernels get its share of the cores, so the ranks together never ask for more threads than the
        // machine has (a rank's GEMM and optimizer results do not depend on how many threads computed them).
        // With more ranks than cores they also take turns to compute (never while waiting for a message, so no rank
        // holds a turn another one needs).
        int cores = Environment.ProcessorCount, share = Math.Max(1, cores / ranks);
        using var turns = ranks > cores ? new SemaphoreSlim(cores) : null;
        return InProcessGroup.Run(ranks, comm =>
        {
            using var limit = WorkerTeam.Limit(share);
            return RunRank(comm, data, options, comm.Rank == 0 ? observer : null, turns);
        }, options.CommunicationTimeout)[0];
    }

    /// <summary>Checks the options against the data; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public static void Validate(TrainingData data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (!data.TrainsBySteps && options.Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1, got {options.Epochs}");
        if (options.Batch < 1) throw new ArgumentException($"the batch must be ≥ 1, got {options.Batch}");
        if (options.Workers < 1) throw new ArgumentException($"workers must be ≥ 1, got {options.Workers}");
        if (options.Workers > 1 && !GradientReducers.IsKnown(options.Strategy))
            throw new ArgumentException($"unknown strategy '{options.Strategy}'; known: {string.Join(", ", GradientReducers.Names)}");
        if (!options.Model.Data.Equals(data.Shape))
            throw new ArgumentException($"model {options.Model} was made for {options.Model.Data}, but {data.Name} is {data.Shape}");
        var network = Build(options);
        data.Check(network, options);
        if (options.ResumeFolder is not null)
        {
            var sampler = data.CreateSampler(network, options);
            var (rounds, steps) = Checkpoint.Check(options.ResumeFolder, options, ResolvedSchedule(options, sampler.TotalSteps), data.TrainCount);
            CheckProgress(data, options, sampler, rounds, steps, sampler.TotalSteps);
        }
    }

    /// <summary>The steps a checkpoint has done (counted from its rounds when it predates step counts), if the run asks for at least as many.</summary>
    private static long CheckProgress(TrainingData data, TrainingOptions options, BatchSampler sampler, int rounds, long steps, long totalSteps)
    {
        if (steps == 0) for (int r = 0; r < rounds; r++) steps = sampler.RoundEnd(steps);
        if (steps > totalSteps)
            throw new InvalidCheckpointException(data.TrainsBySteps
                ? $"the checkpoint in '{options.ResumeFolder}' has {steps} steps, more than the {totalSteps} asked for"
                : $"the checkpoint in '{options.ResumeFolder}' has {rounds} epochs, more than the {options.Epochs} asked for");
        return steps;
    }

    /// <summary>The schedule as the optimizer runs it: "cosine" spans the whole run, cosine:STEPS.</summary>
    private static string? ResolvedSchedule(TrainingOptions options, long totalSteps) =>
        options.OptimizerSettings.Schedule is { } spec ? LearningRateSchedule.ForRun(spec, totalSteps) : null;

    /// <summary>The model of <paramref name="options"/>, built from its seed, with its masses tared.</summary>
    public static Network Build(TrainingOptions options)
    {
        var network = options.Model.Build(options.Seed);
        foreach (var (name, mass) in options.Masses ?? new Dictionary<string, double>())
        {
            var module = network.Body.Find(name) ?? throw new ArgumentException($"{options.Model} has no module '{name}' to give a mass");
            module.Tare(mass);
        }
        return network;
    }

    /// <summary>One rank's part of a run; <paramref name="comm"/> is null for single-worker training.</summary>
    /// <param name="comm">The group, or null for single-worker training.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="observer">Progress and evaluations (rank 0's).</param>
    /// <param name="computeTurns">Shared by in-process ranks that outnumber the cores: held while computing, never while communicating.</param>
    public static TrainingResult RunRank(ICommunicator? comm, TrainingData data, TrainingOptions options, ITrainingObserver? observer, SemaphoreSlim? computeTurns = null)
    {
        int size = comm?.Size ?? 1, rank = comm?.Rank ?? 0;
        // Ranks past the workers (the parameter server's) hold no shard of the batch.
        int workers = comm is null ? 1 : GradientReducers.WorkersFor(options.Strategy, size);
        bool server = rank >= workers;

        var network = Build(options);
        data.Check(network, options);
        var sampler = data.CreateSampler(network, options);
        long totalSteps = sampler.TotalSteps;
        var settings = options.OptimizerSettings with { Schedule = ResolvedSchedule(options, totalSteps), ModelNorm = network.ModularNorm() };
        var optimizer = new Optimizer(OptimizerCatalogue.Create(options.Optimizer, settings), network.Parameters);
        var reducer = comm is null ? null : GradientReducers.Create(options.Strategy, comm, options.ErrorFeedback);
        var totals = comm is null ? null : new RingAllReduce(comm);

        int round = 0;
        long step = 0;
        var history = new List<EpochMetrics>();
        if (options.ResumeFolder is not null)
        {
            (round, step, history) = Checkpoint.Load(options.ResumeFolder, options, settings.Schedule, data.TrainCount, network.Parameters, optimizer);
            step = CheckProgress(data, options, sampler, round, step, totalSteps);
        }

        // A run that did not resume from its own --save folder replaces what that folder held, at its first save.
        bool supersede = options.SaveFolder is not null && (options.ResumeFolder is null
            || Path.GetFullPath(options.ResumeFolder).TrimEnd('/') != Path.GetFullPath(options.SaveFolder).TrimEnd('/'));
        int capacity = Math.Max(1, (options.Batch + workers - 1) / workers), targetsPerExample = network.TargetsPerExample;
        network.Allocate(capacity);
        var inputs = new float[capacity * network.InputSize];
        var targets = new int[capacity * targetsPerExample];
        var flat = AlignedMemory.Allocate<float>(checked((int)network.ParameterCount)); // the buffer messages leave from: see AlignedMemory
        // Sums of (loss, correct, targets, examples), each as a float pair (value, remainder) so the totals keep ~48 bits.
        var sums = new float[8];

        long failAt = options.FailingWorker == rank ? Math.Min(totalSteps - 1, sampler.RoundEnd(0) + sampler.RoundEnd(0) / 2) : -1;
        while (step < totalSteps)
        {
            long end = sampler.RoundEnd(step);
            int stepsInRound = (int)(end - step);
            optimizer.Epoch = round;
            double lossSum = 0;
            long correct = 0, seen = 0, examples = 0;
            var clock = Stopwatch.StartNew();
            for (long s = step; s < end; s++)
            {
                if (s == failAt) throw new InvalidOperationException($"injected failure on worker {rank} at step {s + 1}");
                int count = sampler.BatchSize(s);
                var shard = new ChunkLayout(count, workers);
                int mine = server ? 0 : shard.Length(rank), offset = server ? 0 : shard.Start(rank);
                if (mine > 0)
                {
                    sampler.Fill(s, offset, mine, inputs, targets);
                    // n/(B·T) per worker: averaging the n shards gives exactly the global batch's mean loss per target.
                    computeTurns?.Wait();
                    (double LossSum, int Correct) result;
                    try { result = network.LossAndGradients(inputs, targets, mine, (float)workers / ((float)count * targetsPerExample)); }
                    finally { computeTurns?.Release(); }
                    var (loss, right) = result;
                    if (!double.IsFinite(loss))
                        throw data.TrainsBySteps ? new TrainingDivergedException(s + 1, loss) : new TrainingDivergedException(round + 1, (int)(s - step) + 1, loss);
                    lossSum += loss;
                    correct += right;
                    seen += (long)mine * targetsPerExample;
                    examples += mine;
                }
                else optimizer.ZeroGradients();

                if (reducer is not null)
                {
                    RankBuffers.Flatten(network.Parameters, flat.Span);
                    reducer.Average(flat.Span);
                    RankBuffers.Unflatten(flat.Span, network.Parameters);
                }
                computeTurns?.Wait();
                try { optimizer.Step(); }
                finally { computeTurns?.Release(); }
                observer?.OnStep(new TrainingProgress(round + 1, (int)(s - step) + 1, stepsInRound, s + 1, totalSteps,
                    seen > 0 ? lossSum / seen : 0, seen > 0 ? (double)correct / seen : 0, data.TrainsBySteps));
            }
            double seconds = clock.Elapsed.TotalSeconds;

            RankBuffers.Pack(sums, lossSum, correct, seen, examples);
            if (totals is not null)
            {
                totals.Average(sums);
                for (int k = 0; k < sums.Length; k++) sums[k] *= size;
            }
            var (totalLoss, totalCorrect, totalSeen, totalExamples) = RankBuffers.Unpack(sums);
            round++;
            step = end;
            if (rank != 0) continue;
            var (evalLoss, evalAccuracy) = Evaluate(network, sampler, inputs, targets);
            double rate = OptimizerCatalogue.CurrentLearningRate(optimizer) ?? double.NaN;
            var metrics = new EpochMetrics(round, totalLoss / totalSeen, totalCorrect / totalSeen, evalLoss, evalAccuracy, seconds, totalExamples / seconds, rate)
            {
                Step = step,
                TokensPerSecond = totalSeen / seconds,
            };
            history.Add(metrics);
            // Save before reporting: whatever the observer does, the round is safe.
            if (options.SaveFolder is not null)
            {
                Checkpoint.Save(options.SaveFolder, options, settings.Schedule, data.TrainCount, network.Parameters, optimizer, round, step, history, supersede: supersede);
                supersede = false;
            }
            observer?.OnEvaluation(metrics);
        }
        return new TrainingResult(history, network.ParameterCount, optimizer.Plan) { CountsSteps = data.TrainsBySteps, TargetsPerExample = targetsPerExample };
    }

    /// <summary>Mean loss per target and accuracy of <paramref name="network"/> on the sampler's evaluation set, in batches that fit its buffers.</summary>
    private static (double Loss, double Accuracy) Evaluate(Network network, BatchSampler sampler, float[] inputs, int[] targets)
    {
        double loss = 0;
        long correct = 0;
        int count = sampler.EvaluationCount;
        for (int start = 0; start < count; start += network.Capacity)
        {
            int n = Math.Min(network.Capacity, count - start);
            sampler.FillEvaluation(start, n, inputs, targets);
            var (l, c) = network.Evaluate(inputs, targets, n);
            loss += l;
            correct += c;
        }
        double total = (double)count * network.TargetsPerExample;
        return (loss / total, correct / total);
    }
}
