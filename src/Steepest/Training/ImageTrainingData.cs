using Steepest.Data;
using Steepest.Models;
using Steepest.LinearAlgebra;

namespace Steepest.Training;

/// <summary>
/// Epochs over a labelled set: each epoch visits every training example once, in a shuffle seeded by (seed, epoch),
/// in batches of the global batch size (the last one smaller); the test split is evaluated after every epoch.
/// </summary>
public sealed class ImageTrainingData : TrainingData
{
    /// <summary>Trains on <paramref name="train"/> and evaluates on <paramref name="test"/>; both must have the same shape.</summary>
    public ImageTrainingData(ImageDataset train, ImageDataset test)
    {
        Train = train ?? throw new ArgumentNullException(nameof(train));
        Test = test ?? throw new ArgumentNullException(nameof(test));
        if (!test.Shape.Equals(train.Shape)) throw new ArgumentException($"the test split is {test.Shape}, the training split {train.Shape}");
    }

    /// <summary>The training split.</summary>
    public ImageDataset Train { get; }

    /// <summary>The split evaluated after each epoch.</summary>
    public ImageDataset Test { get; }

    /// <inheritdoc/>
    public override DataShape Shape => Train.Shape;

    /// <inheritdoc/>
    public override int TrainCount => Train.Count;

    /// <inheritdoc/>
    public override bool TrainsBySteps => false;

    /// <inheritdoc/>
    public override string Name => Train.Name;

    /// <summary>The steps of one epoch for a global batch of <paramref name="batch"/>.</summary>
    public int StepsPerEpoch(int batch) => (Train.Count + batch - 1) / batch;

    /// <inheritdoc/>
    public override void Check(Network network, TrainingOptions options)
    {
        if (network.InputSize != Train.FeatureCount || network.TargetsPerExample != 1 || network.Loss.Classes != Train.Classes)
            throw new ArgumentException($"model {network} does not fit {Train.FeatureCount} features and {Train.Classes} classes");
    }

    /// <inheritdoc/>
    public override BatchSampler CreateSampler(Network network, TrainingOptions options) => new Sampler(this, options);

    private sealed class Sampler(ImageTrainingData data, TrainingOptions options) : BatchSampler
    {
        private readonly int[] order = new int[data.Train.Count];
        private readonly int stepsPerEpoch = data.StepsPerEpoch(options.Batch);
        private readonly Models.SplitMix64 shuffle = new(0);
        private long shuffled = -1;

        public override long TotalSteps => (long)options.Epochs * stepsPerEpoch;

        public override long RoundEnd(long step) => (step / stepsPerEpoch + 1) * stepsPerEpoch;

        public override int BatchSize(long step) => (int)Math.Min(options.Batch, data.Train.Count - step % stepsPerEpoch * options.Batch);

        public override void Fill(long step, int first, int count, Span<float> inputs, Span<int> targets)
        {
            long epoch = step / stepsPerEpoch;
            if (epoch != shuffled)
            {
                for (int i = 0; i < order.Length; i++) order[i] = i;
                shuffle.State = options.Seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 1;
                shuffle.Shuffle(order);
                shuffled = epoch;
            }
            int start = (int)(step % stepsPerEpoch) * options.Batch + first, features = data.Train.FeatureCount;
            for (int b = 0; b < count; b++)
            {
                int example = order[start + b];
                BlockCopy.Copy<float>(data.Train.Features.AsSpan(example * features, features), inputs.Slice(b * features, features));
                targets[b] = data.Train.Labels[example];
            }
        }

        public override int EvaluationCount => data.Test.Count;

        public override void FillEvaluation(int first, int count, Span<float> inputs, Span<int> targets)
        {
            int features = data.Test.FeatureCount;
            BlockCopy.Copy<float>(data.Test.Features.AsSpan(first * features, count * features), inputs);
            for (int b = 0; b < count; b++) targets[b] = data.Test.Labels[first + b];
        }
    }
}
