using Steepest.Data;
using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Tests.Training;
using Steepest.Training;

namespace Steepest.Tests.Models;

/// <summary>Runs alone: allocation counters are process-wide.</summary>
[Collection(SerialCollection.Name)]
public sealed class StepAllocationTests
{
    [Theory]
    [InlineData("cnn:8-16", "adamw")]
    [InlineData("gpt:layers=2,width=32,heads=4,context=32", "adamw")]
    [InlineData("gpt:layers=1,width=16,heads=2,context=16", "muon")]
    [InlineData("mlp:784-64-10", "lion")]
    public void ATrainingStepAllocatesNothingInSteadyState(string spec, string optimizer)
    {
        var data = spec.StartsWith("gpt", StringComparison.Ordinal) ? DataShape.Text(20) : DataShape.Images(28, 28, 1, 10);
        var network = ModelSpec.Parse(spec, data).Build(1);
        const int batch = 8;
        network.Allocate(batch);
        var random = new Random(1);
        var inputs = new float[batch * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = data.IsText ? random.Next(20) : (float)random.NextDouble();
        var targets = new int[batch * network.TargetsPerExample];
        for (int i = 0; i < targets.Length; i++) targets[i] = random.Next(data.Classes);
        var trainer = new Optimizer(OptimizerCatalogue.Create(optimizer), network.Parameters);
        void Step()
        {
            network.LossAndGradients(inputs, targets, batch, 1f / targets.Length);
            trainer.Step();
        }
        for (int i = 0; i < 300; i++) Step(); // warm up: tiered JIT (and its rejits) and worker threads
        // The counter is process-wide, and the test runner's own threads allocate now and then (reporting the previous
        // case): a step that allocates does so in every window of 10 steps, the runner in a few, so take the quietest of five.
        long allocated = long.MaxValue;
        for (int window = 0; window < 5 && allocated >= 1024; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 10; i++) Step();
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.True(allocated < 1024, $"{spec} with {optimizer}: {allocated} bytes allocated over 10 steps");
    }

    [Fact]
    public void FillingBatchesAllocatesNothing()
    {
        var corpus = SyntheticText.Corpus(3000);
        var options = new TrainingOptions { Model = ModelSpec.Parse("gpt:layers=1,width=4,heads=1,context=16", corpus.Shape), Optimizer = "sgd", Batch = 8, Steps = 100 };
        var text = new TextTrainingData(corpus).CreateSampler(options.Model.Build(0), options);
        var (train, test) = ModelTrainingTests.SyntheticImages(64, 8, 10, 3);
        var imageOptions = options with { Model = ModelSpec.Parse("cnn:2", train.Shape), Epochs = 100 };
        var images = new ImageTrainingData(train, test).CreateSampler(imageOptions.Model.Build(0), imageOptions);
        var inputs = new float[8 * 100];
        var targets = new int[8 * 16];
        for (int s = 0; s < 40; s++)
        {
            text.Fill(s, 2, 6, inputs, targets);
            images.Fill(s, 0, images.BatchSize(s), inputs, targets);
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int s = 40; s < 80; s++)
        {
            text.Fill(s, 2, 6, inputs, targets);
            images.Fill(s, 0, images.BatchSize(s), inputs, targets);
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 256, $"{allocated} bytes allocated over 40 steps of both samplers");
    }
}
