using Steepest.Data;
using Steepest.Models;

namespace Steepest.Training;

/// <summary>
/// Byte-level language modelling on a <see cref="TextCorpus"/>: step s trains on a global batch of windows of
/// context + 1 tokens (inputs are the first T, targets the last T), their starts drawn uniformly from the training
/// part by a SplitMix64 seeded by (seed, s). Every <see cref="TrainingOptions.EvaluateEvery"/> steps (and at the end)
/// the model is scored on <see cref="TrainingOptions.EvaluationWindows"/> validation windows, drawn once from a fixed
/// seed so that every run, whatever its --seed, is scored on the same text.
/// </summary>
public sealed class TextTrainingData(TextCorpus corpus) : TrainingData
{
    /// <summary>The seed of the validation windows (fixed: runs with different seeds compare on the same windows).</summary>
    public const ulong ValidationSeed = 0x5EED_0F_7E57UL;

    /// <summary>The text.</summary>
    public TextCorpus Corpus { get; } = corpus ?? throw new ArgumentNullException(nameof(corpus));

    /// <inheritdoc/>
    public override DataShape Shape => Corpus.Shape;

    /// <inheritdoc/>
    public override int TrainCount => Corpus.Train.Length;

    /// <inheritdoc/>
    public override bool TrainsBySteps => true;

    /// <inheritdoc/>
    public override string Name => Corpus.Name;

    /// <inheritdoc/>
    public override void Check(Network network, TrainingOptions options)
    {
        if (network.TargetsPerExample != network.InputSize || network.Loss.Classes != Corpus.Vocabulary.Count)
            throw new ArgumentException($"model {network} does not predict the next of {Corpus.Vocabulary.Count} tokens at every position");
        try { Corpus.CheckContext(network.InputSize); }
        catch (InvalidDataException e) { throw new ArgumentException(e.Message); }
        if (options.Steps < 1) throw new ArgumentException($"steps must be ≥ 1, got {options.Steps}");
        if (options.EvaluateEvery < 1) throw new ArgumentException($"the evaluation interval must be ≥ 1 step, got {options.EvaluateEvery}");
        if (options.EvaluationWindows < 1) throw new ArgumentException($"evaluation needs at least one window, got {options.EvaluationWindows}");
    }

    /// <inheritdoc/>
    public override BatchSampler CreateSampler(Network network, TrainingOptions options) => new Sampler(this, network.InputSize, options);

    private sealed class Sampler : BatchSampler
    {
        private readonly TextTrainingData data;
        private readonly TrainingOptions options;
        private readonly int context;
        private readonly int[] validationStarts;
        private readonly SplitMix64 random = new(0);

        public Sampler(TextTrainingData data, int context, TrainingOptions options)
        {
            (this.data, this.context, this.options) = (data, context, options);
            var fixedWindows = new SplitMix64(ValidationSeed);
            validationStarts = new int[options.EvaluationWindows];
            for (int i = 0; i < validationStarts.Length; i++) validationStarts[i] = fixedWindows.NextInt(data.Corpus.Validation.Length - context);
        }

        public override long TotalSteps => options.Steps;

        public override long RoundEnd(long step) => Math.Min(options.Steps, (step / options.EvaluateEvery + 1) * options.EvaluateEvery);

        public override int BatchSize(long step) => options.Batch;

        public override void Fill(long step, int first, int count, Span<float> inputs, Span<int> targets)
        {
            // Every rank draws the whole batch's starts and keeps its shard: the batch depends on (seed, step) only.
            random.State = options.Seed * 0x9E3779B97F4A7C15UL ^ ((ulong)step + 1) * 0xD1B54A32D192ED03UL;
            for (int j = 0; j < first; j++) random.NextInt(data.TrainCount - context);
            for (int b = 0; b < count; b++)
                Window(data.Corpus.Train, random.NextInt(data.TrainCount - context), inputs.Slice(b * context, context), targets.Slice(b * context, context));
        }

        public override int EvaluationCount => validationStarts.Length;

        public override void FillEvaluation(int first, int count, Span<float> inputs, Span<int> targets)
        {
            for (int b = 0; b < count; b++)
                Window(data.Corpus.Validation, validationStarts[first + b], inputs.Slice(b * context, context), targets.Slice(b * context, context));
        }

        private static void Window(ReadOnlySpan<byte> tokens, int start, Span<float> inputs, Span<int> targets)
        {
            for (int t = 0; t < inputs.Length; t++)
            {
                inputs[t] = tokens[start + t];
                targets[t] = tokens[start + t + 1];
            }
        }
    }
}
