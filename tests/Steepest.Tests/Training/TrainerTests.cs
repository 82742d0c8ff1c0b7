using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Training;

namespace Steepest.Tests.Training;

public sealed class TrainerTests
{
    private static readonly (Steepest.Data.ImageDataset Train, Steepest.Data.ImageDataset Test) Data = SyntheticData.TrainAndTest(2000, 300, 20, 5, 1);
    private static Steepest.Data.ImageDataset Train => Data.Train;
    private static Steepest.Data.ImageDataset Test => Data.Test;

    private static TrainingOptions Options(int workers = 1, string strategy = "ring", int epochs = 1, string optimizer = "adamw") => new()
    {
        Model = ModelSpec.Parse("mlp:20-32-5", 20, 5),
        Optimizer = optimizer,
        Epochs = epochs,
        Batch = 64,
        Seed = 3,
        Workers = workers,
        Strategy = strategy,
    };

    [Fact]
    public void TrainingLearnsTheTeacher()
    {
        var result = Trainer.Train(Train, Test, Options(epochs: 5));
        Assert.True(result.Final.TestAccuracy > 0.6, $"test accuracy {result.Final.TestAccuracy} (chance is 0.2)");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
    }

    [Theory]
    [InlineData("ring")]
    [InlineData("all-to-all")]
    [InlineData("parameter-server")]
    [InlineData("halving-doubling")]
    public void FourWorkersMatchOneWorkerUpToReductionOrder(string strategy)
    {
        // Same global batch and seed: 2,000 examples, one epoch; 64 = 16 per worker.
        var single = Trainer.Train(Train, Test, Options());
        var parallel = Trainer.Train(Train, Test, Options(workers: 4, strategy: strategy));
        Assert.True(Math.Abs(single.Final.TrainLoss - parallel.Final.TrainLoss) <= 1e-4, $"{strategy}: {single.Final.TrainLoss} vs {parallel.Final.TrainLoss}");
        Assert.True(Math.Abs(single.Final.TestLoss - parallel.Final.TestLoss) <= 1e-4, $"{strategy}: {single.Final.TestLoss} vs {parallel.Final.TestLoss}");
    }

    [Fact]
    public void UnevenShardsStillGiveTheGlobalMeanGradient()
    {
        // A batch of 64 over 3 workers (22, 21, 21) and a last batch of 16.
        var single = Trainer.Train(Train, Test, Options());
        var parallel = Trainer.Train(Train, Test, Options(workers: 3, strategy: "ring"));
        Assert.True(Math.Abs(single.Final.TestLoss - parallel.Final.TestLoss) <= 1e-4);
    }

    [Fact]
    public void SignIsADifferentOptimizerButStillTrains()
    {
        var sign = Trainer.Train(Train, Test, Options(workers: 3, strategy: "sign", epochs: 3, optimizer: "sgd") with
        {
            OptimizerSettings = new OptimizerSettings { LearningRate = 1e-3 },
        });
        Assert.True(sign.Final.TestAccuracy > 0.5, $"{sign.Final.TestAccuracy}");
    }

    [Theory]
    [InlineData("adamw", 1)]
    [InlineData("muon", 1)]
    [InlineData("epoch-adam", 1)]
    [InlineData("adamw", 2)]
    public void ResumingAfterEpochKEqualsAnUninterruptedRun(string optimizer, int workers)
    {
        string straight = Directory.CreateTempSubdirectory("steepest-ckpt-").FullName;
        string split = Directory.CreateTempSubdirectory("steepest-ckpt-").FullName;
        try
        {
            var options = Options(workers: workers, optimizer: optimizer, epochs: 3) with { OptimizerSettings = new OptimizerSettings { Schedule = "cosine" } };
            var full = Trainer.Train(Train, Test, options with { SaveFolder = straight });
            // The same run, killed right after epoch 1 (its checkpoint is written before observers hear of the epoch).
            Assert.ThrowsAny<Exception>(() => Trainer.Train(Train, Test, options with { SaveFolder = split }, new StopAfter(1)));
            var resumed = Trainer.Train(Train, Test, options with { ResumeFolder = split, SaveFolder = split });
            Assert.Equal(3, resumed.History.Count);
            Assert.Equal(full.Final.TestLoss, resumed.Final.TestLoss);
            SameParameters(options.Model, straight, split);
        }
        finally
        {
            Directory.Delete(straight, true);
            Directory.Delete(split, true);
        }
    }

    [Fact]
    public void ResumingWithOtherSettingsIsRejected()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-ckpt-").FullName;
        try
        {
            Trainer.Train(Train, Test, Options() with { SaveFolder = folder });
            var error = Assert.Throws<InvalidCheckpointException>(() => Trainer.Train(Train, Test, Options(epochs: 2) with { Batch = 32, ResumeFolder = folder }));
            Assert.Contains("batch", error.Message);
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void DivergenceStopsWithTheEpochAndStep()
    {
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(Train, Test,
            Options(optimizer: "sgd") with { OptimizerSettings = new OptimizerSettings { LearningRate = 1e30 } }));
        Assert.Equal(1, error.Epoch);
        Assert.Contains("epoch 1, step", error.Message);
    }

    [Fact]
    public void SameSeedSameRun()
    {
        var a = Trainer.Train(Train, Test, Options());
        var b = Trainer.Train(Train, Test, Options());
        Assert.Equal(a.Final.TestLoss, b.Final.TestLoss);
        var c = Trainer.Train(Train, Test, Options() with { Seed = 4 });
        Assert.NotEqual(a.Final.TestLoss, c.Final.TestLoss);
    }

    /// <summary>The checkpoints in the two folders hold bitwise the same parameters.</summary>
    internal static void SameParameters(ModelSpec model, string first, string second)
    {
        var a = model.Build(0);
        var b = model.Build(0);
        ParameterFile.Load(a.Parameters, Path.Combine(Checkpoint.Latest(first), "model.bin"));
        ParameterFile.Load(b.Parameters, Path.Combine(Checkpoint.Latest(second), "model.bin"));
        for (int i = 0; i < a.Parameters.Count; i++) Assert.Equal(a.Parameters[i].Value, b.Parameters[i].Value);
    }

    /// <summary>Simulates a crash after the given epoch.</summary>
    private sealed class StopAfter(int epochs) : ITrainingObserver
    {
        public void OnStep(TrainingProgress progress) { }

        public void OnEvaluation(EpochMetrics metrics)
        {
            if (metrics.Epoch >= epochs) throw new OperationCanceledException($"killed after epoch {metrics.Epoch}");
        }
    }
}
