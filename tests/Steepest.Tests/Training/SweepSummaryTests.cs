using Steepest.Training;
using Steepest.Training.Sweeps;

namespace Steepest.Tests.Training;

public sealed class SweepSummaryTests
{
    private static SweepRun Run(string model, double rate, ulong seed, double? loss, double? time = null) =>
        new(model, "adamw", rate, seed, loss, loss is null ? null : 0.9, 1, loss is null, time);

    [Fact]
    public void TheBestRateHasTheLowestMeanOverSeedsAndADivergedSeedDisqualifies()
    {
        var runs = new[]
        {
            Run("a", 0.1, 0, 0.5), Run("a", 0.1, 1, 0.7),       // mean 0.6
            Run("a", 0.01, 0, 0.55), Run("a", 0.01, 1, 0.75),   // mean 0.65
            Run("a", 1, 0, 0.1), Run("a", 1, 1, null),          // one seed diverged: never best
            Run("b", 1, 0, null), Run("b", 10, 0, null),
        };
        var best = SweepSummary.Best(runs);
        Assert.Equal(2, best.Count);
        Assert.Equal(0.1, best[0].LearningRate);
        Assert.Equal(0.6, best[0].MeanFinalLoss!.Value, 12);
        Assert.Equal(Math.Sqrt(0.02), best[0].StdFinalLoss!.Value, 12);
        Assert.Equal(2, best[0].Seeds);
        Assert.Null(best[0].TimeToTarget);
        Assert.Null(best[1].LearningRate);
        Assert.Null(best[1].MeanFinalLoss);
    }

    [Fact]
    public void TiesGoToTheSmallerRateAndTimeToTargetNeedsEverySeed()
    {
        var best = SweepSummary.Best([Run("a", 0.5, 0, 0.3, 2), Run("a", 0.05, 0, 0.3, 4), Run("a", 0.05, 1, 0.3, 6)]);
        Assert.Equal(0.05, best[0].LearningRate);
        Assert.Equal(5, best[0].TimeToTarget);
        Assert.Equal(0, SweepSummary.Best([Run("a", 0.5, 0, 0.3)])[0].StdFinalLoss);
    }

    [Fact]
    public void TimeToTargetSumsTheRoundsUpToTheFirstThatMeetsIt()
    {
        EpochMetrics At(double loss, double accuracy, double seconds) => new(1, 1, 0.5, loss, accuracy, seconds, 100, 0.1);
        var history = new[] { At(1.0, 0.5, 2), At(0.4, 0.8, 3), At(0.2, 0.9, 5) };
        Assert.Equal(5, new SweepTarget(0.5, null).TimeIn(history));
        Assert.Equal(10, new SweepTarget(null, 0.9).TimeIn(history));
        Assert.Null(new SweepTarget(0.1, null).TimeIn(history));
    }
}
