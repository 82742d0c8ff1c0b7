using CsCheck;
using Steepest.Distributed;
using Steepest.Distributed.Reducers;

namespace Steepest.Tests.Distributed;

public class ContentionModelTests
{
    private static CommunicationPlan PlanOf(params CostStep[] steps) =>
        new(0, "", 0, 0, 0, 0, 0, 0, 0) { Steps = steps, WorkingSetBytes = 1 << 20 };

    [Fact]
    public void PredictSumsEachStageTimesItsContention()
    {
        var model = new AlphaBetaModel(1e-6, 2e-10, 3e-10) { Parallelism = 2 };
        var plan = PlanOf(
            new CostStep(Concurrent: 4, Messages: 3, MessageBytes: 1000, LocalBytes: 500, Additions: 700, Times: 2),
            new CostStep(Concurrent: 1, Messages: 1, MessageBytes: 10, LocalBytes: 0, Additions: 0));
        double expected = 2 * ((3e-6 + 2e-10 * 1000) * 2.0 + (2e-10 * 500 + 3e-10 * 700)) + (1e-6 + 2e-10 * 10) * 1.0;
        Assert.Equal(expected, model.Predict(plan), 15);
    }

    [Fact]
    public void LocalWorkIsSlowedOnlyWhenRanksOutnumberCores()
    {
        // Copies price at λ (the rate's copy), messages at β; κ slows the transfers, cores the local passes.
        var model = new AlphaBetaModel(1e-6, 2e-10, 3e-10) { Parallelism = 2, Cores = 3, Rates = [new(1 << 20, 2e-10, 3e-10, 5e-11)] };
        var plan = PlanOf(new CostStep(Concurrent: 6, Messages: 1, MessageBytes: 1000, LocalBytes: 400, Additions: 100));
        double expected = (1e-6 + 2e-10 * 1000) * 3.0 + (5e-11 * 400 + 3e-10 * 100) * 2.0;
        Assert.Equal(expected, model.Predict(plan), 15);
        Assert.Equal(1, model.Oversubscription(2));
        Assert.Equal(1, new AlphaBetaModel(0, 0, 0).Oversubscription(1000)); // no calibration: never oversubscribed
    }

    [Fact]
    public void TheCoresAreTheUnionOfTheRanksAffinities()
    {
        // (mask bits 0–31, mask bits 32–63, processor count) per rank.
        Assert.Equal(2, ContentionCalibration.SharedCores([[0b01, 0, 1], [0b10, 0, 1]])); // mpirun's binding: a core each
        Assert.Equal(2, ContentionCalibration.SharedCores([[0b11, 0, 2], [0b11, 0, 2], [0b11, 0, 2], [0b11, 0, 2]])); // unbound
        Assert.Equal(1, ContentionCalibration.SharedCores([[0b100, 0, 1], [0b100, 0, 1]])); // two ranks bound to one core
        Assert.Equal(3, ContentionCalibration.SharedCores([[1u << 31, 0, 1], [0, 1, 1], [0, 1u << 31, 1]])); // CPUs 31, 32 and 63
        Assert.Equal(4, ContentionCalibration.SharedCores([[0b01, 0, 1], [0, 0, 4]])); // a rank without a mask: the largest count
    }

    [Fact]
    public void APlanWithoutStagesIsPricedByItsTotalsWithoutContention()
    {
        var model = new AlphaBetaModel(1e-6, 2e-10, 3e-10) { Parallelism = 0.5 };
        var plan = new CommunicationPlan(0, "", 0, 0, 0, 0, CriticalMessages: 4, CriticalBytes: 100, CriticalAdditions: 10);
        Assert.Equal(4e-6 + 2e-8 + 3e-9, model.Predict(plan), 15);
    }

    [Fact]
    public void RatesAreInterpolatedInLogWorkingSetAndHeldBeyondTheMeasuredSizes()
    {
        var model = new AlphaBetaModel(0, 9, 9) { Rates = [new(1 << 20, 1, 10), new(4 << 20, 3, 30)] };
        Assert.Equal((1.0, 10.0), model.RatesAt(1));
        Assert.Equal((1.0, 10.0), model.RatesAt(1 << 20));
        var (beta, gamma) = model.RatesAt(2 << 20); // the geometric midpoint
        Assert.Equal(2, beta, 12);
        Assert.Equal(20, gamma, 12);
        Assert.Equal((3.0, 30.0), model.RatesAt(1L << 40));
        Assert.Equal((9.0, 9.0), new AlphaBetaModel(0, 9, 9).RatesAt(123));
    }

    [Fact]
    public void ContentionIsOneUpToKappaThenGrowsLinearly()
    {
        var model = new AlphaBetaModel(0, 0, 0) { Parallelism = 1.5 };
        Assert.Equal(1, model.Contention(1));
        Assert.Equal(2, model.Contention(3), 12);
        Assert.Equal(1, new AlphaBetaModel(0, 0, 0).Contention(1000)); // no calibration: no contention
    }

    [Fact]
    public void FitRecoversKappaAndAlphaFromExactSamples()
    {
        Property.ForAll(Gen.Double[0.6, 6], 7, 50, kappa =>
        {
            const double alpha = 3e-6;
            var samples = new[] { 1, 2, 3, 4, 6, 8 }
                .Select(k => new ContentionSample(k, "exchange", 1e-3 * Math.Max(1, k / kappa), Math.Max(1, k / kappa)) { LatencySeconds = alpha * Math.Max(1, k / kappa) })
                .ToArray();
            double fitted = ContentionCalibration.FitParallelism(samples);
            if (kappa < 8) Assert.InRange(fitted, kappa * 0.99, kappa * 1.01);
            Assert.Equal(alpha, ContentionCalibration.FitLatency(samples, fitted), 1e-7);
        });
    }

    [Fact]
    public void ContentionIsCalibratedAtTheLargestPlansWorkingSetWithinItsBounds()
    {
        long At(int workers, int parameters) => ContentionCalibration.ContentionWorkingSetFor(
            GradientReducers.Names.Where(n => n != "sign").Select(n => GradientReducers.Plan(n, workers, parameters)));
        // All-to-all's 16·p·n bytes is the largest: 10⁷ values on 4 workers is 640 MB, capped at 512 MiB.
        Assert.Equal(ContentionCalibration.MaximumContentionWorkingSet, At(4, 10_000_000));
        Assert.Equal(16L * 2_000_000 * 4, At(4, 2_000_000));
        Assert.Equal(ContentionCalibration.MinimumContentionWorkingSet, At(4, 1000));
        Assert.Equal(ContentionCalibration.MinimumContentionWorkingSet, ContentionCalibration.ContentionWorkingSetFor([]));
    }

    [Fact]
    public void RatesAreMeasuredUpToTheSizeThatHoldsTheLargestPlan()
    {
        long At(int workers, int parameters) => ContentionCalibration.RateWorkingSetFor(
            GradientReducers.Names.Select(n => GradientReducers.Plan(n, workers, parameters)));
        var sizes = ContentionCalibration.WorkingSetSizes;
        Assert.Equal(128L << 20, At(2, 1000)); // never below 128 MiB, the default
        Assert.Equal(128L << 20, At(4, 1_000_000)); // all-to-all's 64 MB
        Assert.Equal(512L << 20, At(4, 5_000_000)); // 320 MB needs the next size
        Assert.Equal(sizes[^1], At(8, 10_000_000)); // 1.28 GB: the largest measured, held beyond
        Assert.Equal(128L << 20, ContentionCalibration.RateWorkingSetFor([]));
    }

    [Fact]
    public void ContentionMessagesAreThePlansLargestWithinBounds()
    {
        int At(int workers, int parameters) => ContentionCalibration.MessageBytesFor(
            GradientReducers.Names.Select(n => GradientReducers.Plan(n, workers, parameters)));
        Assert.Equal(400_000, At(4, 100_000)); // all-to-all sends the whole p-value gradient
        Assert.Equal(4 << 20, At(4, 10_000_000));
        Assert.Equal(64 << 10, At(4, 1000));
        Assert.Equal(64 << 10, ContentionCalibration.MessageBytesFor([]));
    }

    [Fact]
    public void WithoutConcurrentSamplesThereIsNoContention()
    {
        Assert.Equal(double.PositiveInfinity, ContentionCalibration.FitParallelism([new ContentionSample(1, "ping-pong", 1e-3, 1)]));
        Assert.Equal(0, ContentionCalibration.FitLatency([], 1));
    }

    [Fact]
    public void EveryStrategysStagesAddUpToItsCriticalPath()
    {
        Property.ForAll(Gen.Select(Gen.Int[2, 9], Gen.Int[1, 5000]), 7, 20, c =>
        {
            var (n, p) = c;
            foreach (string strategy in new[] { "all-to-all", "ring", "halving-doubling", "parameter-server" })
            {
                int ranks = GradientReducers.RanksFor(strategy, n);
                var plan = InProcessGroup.Run(ranks, comm => GradientReducers.Create(strategy, comm).Plan(p))[0];
                Assert.Equal(plan.CriticalMessages, plan.Steps.Sum(s => (long)s.Times * s.Messages));
                Assert.Equal(plan.CriticalBytes, plan.Steps.Sum(s => (long)s.Times * s.MessageBytes));
                Assert.True(plan.WorkingSetBytes >= 4L * p * n, $"{strategy}: working set {plan.WorkingSetBytes}");
                Assert.All(plan.Steps, s => Assert.InRange(s.Concurrent, 0, ranks));
            }
        });
    }
}
