using Steepest.Data;
using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Training;

namespace Steepest.Tests.Training;

/// <summary>The trainer on the convnet and the GPT: data parallelism, resume, every recipe.</summary>
public sealed class ModelTrainingTests
{
    private static readonly Lazy<(ImageDataset Train, ImageDataset Test)> Images = new(() => SyntheticImages(480, 120, 10, 3));
    private static readonly Lazy<TextCorpus> Text = new(() => SyntheticText.Corpus(6000));

    /// <summary>10×10 one-channel images whose class is the brightest of three horizontal bands, plus noise.</summary>
    internal static (ImageDataset Train, ImageDataset Test) SyntheticImages(int train, int test, int size, int classes)
    {
        var random = new Random(7);
        ImageDataset Make(int count, string name)
        {
            var x = new float[count * size * size];
            var y = new byte[count];
            for (int i = 0; i < count; i++)
            {
                y[i] = (byte)random.Next(classes);
                for (int r = 0; r < size; r++)
                    for (int c = 0; c < size; c++)
                        x[(i * size + r) * size + c] = (float)(0.7 * GradientCheckNoise(random) + (r * classes / size == y[i] ? 1 : 0));
            }
            return new ImageDataset(x, y, size, size, 1, classes, name);
        }
        return (Make(train, "synthetic images"), Make(test, "synthetic test images"));
    }

    private static double GradientCheckNoise(Random random) => Steepest.Tests.Models.GradientCheck.Gaussian(random);

    private static TrainingOptions CnnOptions(int workers = 1, int epochs = 1, string optimizer = "adamw") => new()
    {
        Model = ModelSpec.Parse("cnn:4-8", Images.Value.Train.Shape),
        Optimizer = optimizer,
        Epochs = epochs,
        Batch = 32,
        Seed = 2,
        Workers = workers,
    };

    private static TrainingOptions GptOptions(int workers = 1, int steps = 12, string optimizer = "adamw") => new()
    {
        Model = ModelSpec.Parse("gpt:layers=2,width=8,heads=2,context=16", Text.Value.Shape),
        Optimizer = optimizer,
        Steps = steps,
        EvaluateEvery = 4,
        EvaluationWindows = 8,
        Batch = 6,
        Seed = 5,
        Workers = workers,
    };

    private static TrainingData Cnn => new ImageTrainingData(Images.Value.Train, Images.Value.Test);
    private static TrainingData Gpt => new TextTrainingData(Text.Value);

    [Fact]
    public void TheConvnetLearnsTheBands()
    {
        var result = Trainer.Train(Cnn, CnnOptions(epochs: 4));
        Assert.True(result.Final.TestAccuracy > 0.8, $"test accuracy {result.Final.TestAccuracy}");
        Assert.Equal(4, result.History.Count);
        Assert.Equal(60, result.Final.Step);
    }

    [Fact]
    public void TheGptLearnsTheChainAndReportsEveryEvaluation()
    {
        var result = Trainer.Train(Gpt, GptOptions(steps: 60) with { EvaluateEvery = 20, OptimizerSettings = new OptimizerSettings { LearningRate = 1e-2 } });
        Assert.True(result.CountsSteps);
        Assert.Equal([20L, 40, 60], result.History.Select(m => m.Step));
        double uniform = Math.Log(Text.Value.Vocabulary.Count);
        Assert.True(result.Final.TestLoss < uniform - 0.8, $"validation loss {result.Final.TestLoss} against log V = {uniform}");
        Assert.Equal(16, result.TargetsPerExample);
        Assert.All(result.History, m => Assert.Equal(m.SamplesPerSecond * 16, m.TokensPerSecond, 1e-6 * m.TokensPerSecond));
    }

    [Theory]
    [InlineData("ring")]
    [InlineData("parameter-server")]
    public void TwoConvnetWorkersMatchOne(string strategy)
    {
        var single = Trainer.Train(Cnn, CnnOptions());
        var parallel = Trainer.Train(Cnn, CnnOptions(workers: 2) with { Strategy = strategy });
        Assert.True(Math.Abs(single.Final.TrainLoss - parallel.Final.TrainLoss) <= 1e-4, $"{single.Final.TrainLoss} vs {parallel.Final.TrainLoss}");
        Assert.True(Math.Abs(single.Final.TestLoss - parallel.Final.TestLoss) <= 1e-4, $"{single.Final.TestLoss} vs {parallel.Final.TestLoss}");
    }

    [Fact]
    public void TwoGptWorkersMatchOne()
    {
        var single = Trainer.Train(Gpt, GptOptions());
        var parallel = Trainer.Train(Gpt, GptOptions(workers: 2));
        var uneven = Trainer.Train(Gpt, GptOptions(workers: 4)); // 6 windows over 4 workers: 2, 2, 1, 1
        foreach (var other in new[] { parallel, uneven })
        {
            Assert.True(Math.Abs(single.Final.TestLoss - other.Final.TestLoss) <= 1e-4, $"{single.Final.TestLoss} vs {other.Final.TestLoss}");
            Assert.True(Math.Abs(single.Final.TrainLoss - other.Final.TrainLoss) <= 1e-4, $"{single.Final.TrainLoss} vs {other.Final.TrainLoss}");
        }
    }

    [Theory]
    [InlineData("cnn", "adamw", 1)]
    [InlineData("cnn", "muon", 2)]
    [InlineData("gpt", "adamw", 1)]
    [InlineData("gpt", "muon", 2)]
    public void ResumingGivesTheSameParametersBitForBit(string model, string optimizer, int workers)
    {
        string straight = Directory.CreateTempSubdirectory("steepest-resume-").FullName;
        string split = Directory.CreateTempSubdirectory("steepest-resume-").FullName;
        try
        {
            var (data, options) = model == "cnn"
                ? (Cnn, CnnOptions(workers, epochs: 3, optimizer) with { OptimizerSettings = new OptimizerSettings { Schedule = "cosine" } })
                : (Gpt, GptOptions(workers, steps: 12, optimizer) with { OptimizerSettings = new OptimizerSettings { Schedule = "cosine" } });
            var full = Trainer.Train(data, options with { SaveFolder = straight });
            Assert.ThrowsAny<Exception>(() => Trainer.Train(data, options with { SaveFolder = split }, new StopAfter(1)));
            var resumed = Trainer.Train(data, options with { ResumeFolder = split, SaveFolder = split });
            Assert.Equal(3, resumed.History.Count);
            Assert.Equal(full.Final.TestLoss, resumed.Final.TestLoss);
            TrainerTests.SameParameters(options.Model, straight, split);
        }
        finally
        {
            Directory.Delete(straight, true);
            Directory.Delete(split, true);
        }
    }

    public static TheoryData<string> Recipes() => new(OptimizerCatalogue.Names.Where(n => n != "steepest:NORM")
        .Concat(["steepest:linf", "steepest:l2", "steepest:spectral", "steepest:rms", "steepest:l1"]));

    [Theory]
    [MemberData(nameof(Recipes))]
    public void EveryRecipeTrainsBothModels(string optimizer)
    {
        var cnn = Trainer.Train(new ImageTrainingData(Images.Value.Train.Take(64), Images.Value.Test.Take(32)), CnnOptions(optimizer: optimizer));
        var gpt = Trainer.Train(Gpt, GptOptions(steps: 3, optimizer: optimizer) with { EvaluateEvery = 3 });
        foreach (var result in new[] { cnn, gpt })
        {
            Assert.True(double.IsFinite(result.Final.TrainLoss) && double.IsFinite(result.Final.TestLoss), $"{optimizer}: {result.Final}");
        }
    }

    [Fact]
    public void AModelMadeForOtherDataIsRejected()
    {
        var options = GptOptions() with { Model = ModelSpec.Parse("cnn:4", DataShape.Images(10, 10, 1, 3)) };
        Assert.Contains("was made for", Assert.Throws<ArgumentException>(() => Trainer.Train(Gpt, options)).Message);
        var tooLong = GptOptions() with { Model = ModelSpec.Parse("gpt:layers=1,width=4,heads=1,context=1000", Text.Value.Shape) };
        Assert.Contains("shorter than one window", Assert.Throws<ArgumentException>(() => Trainer.Train(Gpt, tooLong)).Message);
    }

    [Fact]
    public void TextDivergenceNamesTheStep()
    {
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(Gpt, GptOptions(optimizer: "sgd") with { OptimizerSettings = new OptimizerSettings { LearningRate = 1e30 } }));
        Assert.Contains("at step", error.Message);
        Assert.Equal(0, error.Epoch);
    }

    private sealed class StopAfter(int rounds) : ITrainingObserver
    {
        public void OnStep(TrainingProgress progress) { }

        public void OnEvaluation(EpochMetrics metrics)
        {
            if (metrics.Epoch >= rounds) throw new OperationCanceledException($"killed after round {metrics.Epoch}");
        }
    }
}
