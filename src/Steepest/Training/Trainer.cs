using System.Diagnostics;
using Steepest.Data;
using Steepest.Distributed;
using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Training;

/// <summary>
/// Trains a model with any optimizer of the catalogue, on one worker or data-parallel on several. Every rank holds a
/// full replica built from the same seed, walks the same shuffle of every global batch, computes the gradient of its
/// shard scaled by n/B, and averages it with the chosen reducer: the average is exactly the global batch's mean
/// gradient, and since every reducer leaves identical bits on every rank, the replicas stay identical. With the
/// parameter server the last rank holds no data and only serves the averages. Rank 0 evaluates, reports and saves.
/// </summary>
public static class Trainer
{
    /// <summary>Test examples per evaluation batch.</summary>
    private const int EvaluationBatch = 1000;

    /// <summary>Trains on this machine: one worker, or options.Workers in-process ranks.</summary>
    public static TrainingResult Train(ImageDataset train, ImageDataset test, TrainingOptions options, ITrainingObserver? observer = null)
    {
        Validate(train, test, options);
        if (options.Workers == 1) return RunRank(null, train, test, options, observer);
        int ranks = GradientReducers.RanksFor(options.Strategy, options.Workers);
        return InProcessGroup.Run(ranks, comm => RunRank(comm, train, test, options, comm.Rank == 0 ? observer : null), options.CommunicationTimeout)[0];
    }

    /// <summary>Checks the options against the data; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public static void Validate(ImageDataset train, ImageDataset test, TrainingOptions options)
    {
        if (options.Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1, got {options.Epochs}");
        if (options.Batch < 1) throw new ArgumentException($"the batch must be ≥ 1, got {options.Batch}");
        if (options.Workers < 1) throw new ArgumentException($"workers must be ≥ 1, got {options.Workers}");
        if (options.Workers > 1 && !GradientReducers.IsKnown(options.Strategy))
            throw new ArgumentException($"unknown strategy '{options.Strategy}'; known: {string.Join(", ", GradientReducers.Names)}");
        if (options.Model.Widths[0] != train.FeatureCount || options.Model.Widths[^1] != train.Classes)
            throw new ArgumentException($"model {options.Model} does not fit {train.FeatureCount} features and {train.Classes} classes");
        if (test.FeatureCount != train.FeatureCount) throw new ArgumentException("the test split has a different number of features");
    }

    /// <summary>One rank's part of a run; <paramref name="comm"/> is null for single-worker training.</summary>
    public static TrainingResult RunRank(ICommunicator? comm, ImageDataset train, ImageDataset test, TrainingOptions options, ITrainingObserver? observer)
    {
        int size = comm?.Size ?? 1, rank = comm?.Rank ?? 0;
        bool parameterServer = comm is not null && options.Strategy == "parameter-server";
        int workers = parameterServer ? size - 1 : size;
        bool server = parameterServer && rank == size - 1;
        int n = train.Count, stepsPerEpoch = (n + options.Batch - 1) / options.Batch;

        var model = new Mlp(options.Model, options.Seed);
        var settings = options.OptimizerSettings;
        if (settings.Schedule?.Trim().ToLowerInvariant() == "cosine") settings = settings with { Schedule = $"cosine:{(long)options.Epochs * stepsPerEpoch}" };
        var optimizer = new Optimizer(OptimizerCatalogue.Create(options.Optimizer, settings), model.Parameters);
        var reducer = comm is null ? null : GradientReducers.Create(options.Strategy, comm, options.ErrorFeedback);
        var totals = comm is null ? null : new RingAllReduce(comm);

        int startEpoch = 0;
        var history = new List<EpochMetrics>();
        if (options.ResumeFolder is not null)
        {
            (startEpoch, history) = Checkpoint.Load(options.ResumeFolder, options, n, model.Parameters, optimizer);
            if (startEpoch > options.Epochs) throw new ArgumentException($"the checkpoint has {startEpoch} epochs, more than the {options.Epochs} asked for");
        }

        int features = train.FeatureCount;
        var workspace = new MlpWorkspace(options.Model.Widths, Math.Max(1, (options.Batch + workers - 1) / workers));
        var inputs = new float[workspace.Batch * features];
        var labels = new byte[workspace.Batch];
        var flat = new float[model.ParameterCount];
        var order = new int[n];
        var sums = new float[3];

        for (int epoch = startEpoch; epoch < options.Epochs; epoch++)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            new SplitMix64(options.Seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 1).Shuffle(order);
            optimizer.Epoch = epoch;
            double lossSum = 0;
            long correct = 0, seen = 0;
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                int start = step * options.Batch, count = Math.Min(options.Batch, n - start);
                var shard = new ChunkLayout(count, workers);
                int mine = server ? 0 : shard.Length(rank), offset = server ? 0 : start + shard.Start(rank);
                if (mine > 0)
                {
                    for (int b = 0; b < mine; b++)
                    {
                        int example = order[offset + b];
                        train.Features.AsSpan(example * features, features).CopyTo(inputs.AsSpan(b * features, features));
                        labels[b] = train.Labels[example];
                    }
                    // n/B per worker: averaging the n shards then gives exactly (1/B)·Σ over the global batch.
                    var (loss, right) = model.LossAndGradients(inputs.AsSpan(0, mine * features), labels.AsSpan(0, mine), (float)workers / count, workspace);
                    if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch + 1, step + 1, loss);
                    lossSum += loss;
                    correct += right;
                    seen += mine;
                }
                else optimizer.ZeroGradients();

                if (reducer is not null)
                {
                    Flatten(model.Parameters, flat);
                    reducer.Average(flat);
                    Unflatten(flat, model.Parameters);
                }
                optimizer.Step();
                observer?.OnStep(epoch + 1, step + 1, stepsPerEpoch, seen > 0 ? lossSum / seen : 0, seen > 0 ? (double)correct / seen : 0);
            }
            double seconds = clock.Elapsed.TotalSeconds;

            sums[0] = (float)lossSum; sums[1] = correct; sums[2] = seen;
            if (totals is not null)
            {
                totals.Average(sums);
                for (int k = 0; k < 3; k++) sums[k] *= size;
            }
            if (rank != 0) continue;
            var (testLoss, testAccuracy) = Evaluate(model, test);
            double rate = OptimizerCatalogue.CurrentLearningRate(optimizer) ?? double.NaN;
            var metrics = new EpochMetrics(epoch + 1, sums[0] / sums[2], sums[1] / sums[2], testLoss, testAccuracy, seconds, n / seconds, rate);
            history.Add(metrics);
            // Save before reporting: whatever the observer does, the epoch is safe.
            if (options.SaveFolder is not null) Checkpoint.Save(options.SaveFolder, options, n, model.Parameters, optimizer, epoch + 1, history);
            observer?.OnEpoch(metrics);
        }
        return new TrainingResult(history, model.ParameterCount, optimizer.Plan);
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static (double Loss, double Accuracy) Evaluate(Mlp model, ImageDataset data)
    {
        var workspace = new MlpWorkspace(model.Spec.Widths, Math.Min(EvaluationBatch, data.Count));
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += workspace.Batch)
        {
            int count = Math.Min(workspace.Batch, data.Count - start);
            var (l, c) = model.Evaluate(data.Features.AsSpan(start * data.FeatureCount, count * data.FeatureCount), data.Labels.AsSpan(start, count), workspace);
            loss += l;
            correct += c;
        }
        return (loss / data.Count, (double)correct / data.Count);
    }

    private static void Flatten(IReadOnlyList<Parameter> parameters, float[] flat)
    {
        int at = 0;
        foreach (var p in parameters) { p.Gradient.CopyTo(flat, at); at += p.Length; }
    }

    private static void Unflatten(float[] flat, IReadOnlyList<Parameter> parameters)
    {
        int at = 0;
        foreach (var p in parameters) { flat.AsSpan(at, p.Length).CopyTo(p.Gradient); at += p.Length; }
    }
}
