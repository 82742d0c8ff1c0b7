using Steepest.Optimizers;
using Steepest.Optimizers.Schedules;

namespace Steepest.Tests.Optimizers;

public sealed class EpochAdamTests
{
    /// <summary>f(θ) = (1 − x·θ)², x = [1, 0.1, 0.01], θ₀ = 0, one data point: one step is one epoch.</summary>
    private static float[] RunProblem2(GradientTransform transform, int steps)
    {
        double[] x = [1, 0.1, 0.01];
        var theta = new Parameter("theta", [3]);
        var optimizer = new Optimizer(transform, [theta]);
        for (int step = 0; step < steps; step++)
        {
            double residual = 1 - (x[0] * theta.Value[0] + x[1] * theta.Value[1] + x[2] * theta.Value[2]);
            for (int i = 0; i < 3; i++) theta.Gradient[i] = (float)(-2 * residual * x[i]);
            optimizer.Epoch = step;
            optimizer.Step();
        }
        return theta.Value;
    }

    [Theory]
    [InlineData("1/t:10")]
    [InlineData("step:1:0.99")]
    public void EpochAdamOnProblem2ConvergesToOnesOver111(string schedule)
    {
        // Every step moves along sign(g), so sign-type decaying steps are needed (a constant step oscillates).
        var transform = Recipes.EpochAdam(0.1, schedule: LearningRateSchedule.Parse(schedule, 0.1));
        foreach (float value in RunProblem2(transform, 20000)) Assert.Equal(1 / 1.11, value, 1e-6);
    }

    [Fact]
    public void PreviousEpochStatisticsDoNotSettleOnProblem2()
    {
        // Documented behaviour of the alternative reading: the step is (rₜ/|rₜ₋₁|)·sign(g) and the iterates stall away
        // from the solution (here by more than 1e-5), which is why the current epoch is the default.
        var transform = Recipes.EpochAdam(0.1, EpochStatistics.PreviousEpoch, schedule: LearningRateSchedule.Parse("1/t:10", 0.1));
        Assert.True(Math.Abs(RunProblem2(transform, 20000)[0] - 1 / 1.11) > 1e-5);
    }

    [Fact]
    public void CurrentAndPreviousEpochStatisticsFollowTheirDefinitions()
    {
        var p = new Parameter("p", [3]);
        var current = new Optimizer(Recipes.EpochAdam(1.0), [p], new OptimizerOptions { Fuse = false });
        // Epoch 0, step 1: g = (2, −4, 0): M = 1/|g| and the zero coordinate has M = 0.
        p.Gradient[0] = 2; p.Gradient[1] = -4; p.Gradient[2] = 0;
        current.Epoch = 0; current.Step();
        Assert.Equal([-1f, 1f, 0f], p.Value);
        // Epoch 0, step 2: g = (1, 1, 0): M = 1/√((4 + 1)/2) and 1/√((16 + 1)/2).
        p.Gradient[0] = 1; p.Gradient[1] = 1;
        current.Step();
        Assert.Equal(-1 - 1 / Math.Sqrt(2.5), p.Value[0], 6);
        Assert.Equal(1 - 1 / Math.Sqrt(8.5), p.Value[1], 6);

        var q = new Parameter("q", [2]);
        var previous = new Optimizer(Recipes.EpochAdam(1.0, EpochStatistics.PreviousEpoch), [q], new OptimizerOptions { Fuse = false });
        q.Gradient[0] = 2; q.Gradient[1] = 4;
        previous.Epoch = 0; previous.Step();
        q.Gradient[0] = 1; q.Gradient[1] = 1;
        previous.Epoch = 1; previous.Step();
        // Epoch 1 uses M from epoch 0: (1/2, 1/4).
        Assert.Equal(-1.5, q.Value[0], 6);
        Assert.Equal(-1.25, q.Value[1], 6);
    }
}
