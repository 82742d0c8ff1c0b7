using Steepest.Optimizers.Schedules;

namespace Steepest.Tests.Optimizers;

public sealed class ScheduleTests
{
    [Fact]
    public void SchedulesFollowTheirFormulas()
    {
        Assert.Equal(0.1, LearningRateSchedule.Constant(0.1).At(12345));
        var step = LearningRateSchedule.StepDecay(1, 10, 0.5);
        Assert.Equal(1, step.At(9)); Assert.Equal(0.5, step.At(10)); Assert.Equal(0.25, step.At(25));
        var cosine = LearningRateSchedule.Cosine(1, 100, 0.1);
        Assert.Equal(1, cosine.At(0), 12); Assert.Equal(0.55, cosine.At(50), 12); Assert.Equal(0.1, cosine.At(100), 12); Assert.Equal(0.1, cosine.At(500), 12);
        var warm = LearningRateSchedule.WarmUp(4, LearningRateSchedule.Constant(2));
        Assert.Equal([0.5, 1, 1.5, 2, 2], Enumerable.Range(0, 5).Select(t => warm.At(t)));
        Assert.Equal(0.5, LearningRateSchedule.InverseTime(1, 10).At(10), 12);
        Assert.Equal(0.5, LearningRateSchedule.InverseSqrt(1).At(3), 12);
    }

    [Fact]
    public void ParsesSpecsAndRejectsBadOnes()
    {
        Assert.Equal(0.25, LearningRateSchedule.Parse("step:5:0.5", 1).At(10));
        Assert.Equal(1, LearningRateSchedule.Parse("warmup:10:cosine:100", 1).At(10), 12);
        Assert.Equal(0.5, LearningRateSchedule.Parse("1/t:4", 1).At(4), 12);
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.Parse("cosine", 1));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.Parse("exp:3", 1));
        Assert.Contains("every must be ≥ 1", Assert.Throws<ArgumentException>(() => LearningRateSchedule.Parse("step:0:0.5", 1)).Message);
    }
}
