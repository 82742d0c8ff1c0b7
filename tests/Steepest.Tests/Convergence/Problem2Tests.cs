using Steepest.Convergence;

namespace Steepest.Tests.Convergence;

/// <summary>Problem 2 of MISSION.md: f(θ) = (1 − [1, 0.1, 0.01]·θ)², θ₀ = 0.</summary>
public sealed class Problem2Tests
{
    private static readonly LeastSquaresProblem Problem = new([1, 0.1, 0.01], 1, 3, [1], "problem 2");

    private static void AssertVector(double[] expected, double[] actual, double tolerance)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"θ[{i}] = {actual[i]:R}, expected {expected[i]:R}");
    }

    [Fact]
    public void PlainSgdReachesTheMinimumNormSolution()
    {
        var result = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sgd" });
        Assert.True(result.Converged, result.Reason.ToString());
        AssertVector([1 / 1.0101, 0.1 / 1.0101, 0.01 / 1.0101], result.Theta, 1e-6);
        AssertVector(result.Predicted!, result.Theta, 1e-6);
    }

    [Fact]
    public void EpochAdamReachesOnesOver111()
    {
        var result = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "epoch-adam" });
        Assert.True(result.Converged, result.Reason.ToString());
        AssertVector([1 / 1.11, 1 / 1.11, 1 / 1.11], result.Theta, 1e-6);
        Assert.Contains("Wilson", result.PredictionRule);
    }

    [Fact]
    public void RescaledSgdReachesAThirdTimesTheScales()
    {
        var result = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sgd", Rescale = true });
        Assert.True(result.Converged, result.Reason.ToString());
        AssertVector([1.0 / 3, 10.0 / 3, 100.0 / 3], result.Theta, 1e-6);
        Assert.Equal("rescale+sgd", result.Optimizer);
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("steepest:l2")]
    public void OtherGradientMethodsAlsoReachTheMinimumNormSolution(string optimizer)
    {
        var result = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = optimizer });
        Assert.True(result.Converged, result.Reason.ToString());
        AssertVector([1 / 1.0101, 0.1 / 1.0101, 0.01 / 1.0101], result.Theta, 1e-6);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sign-sgd")]
    [InlineData("signum")]
    [InlineData("lion")]
    [InlineData("adagrad")]
    [InlineData("rmsprop")]
    [InlineData("steepest:linf")]
    public void AdaptiveAndSignMethodsReachTheSignSolution(string optimizer)
    {
        var result = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = optimizer });
        Assert.True(result.Converged, result.Reason.ToString());
        AssertVector([1 / 1.11, 1 / 1.11, 1 / 1.11], result.Theta, 1e-4);
    }

    [Fact]
    public void NonConvergenceIsReportedWithItsReason()
    {
        var oscillating = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sign-sgd", LearningRate = 0.1, Schedule = "constant" });
        Assert.Equal(StopReason.Oscillating, oscillating.Reason);
        var diverging = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sgd", LearningRate = 5, Schedule = "constant" });
        Assert.Equal(StopReason.Diverging, diverging.Reason);
        var budget = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sgd", LearningRate = 1e-4, MaxIterations = 50 });
        Assert.Equal(StopReason.BudgetSpent, budget.Reason);
        Assert.Equal(50, budget.Iterations);
    }

    [Fact]
    public void ANonZeroStartShiftsTheGradientPredictionAndRemovesTheLemma()
    {
        double[] theta0 = [1, 1, 1];
        var sgd = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "sgd", Theta0 = theta0 });
        // θ₀ + X⁺(y − Xθ₀): y − Xθ₀ = 1 − 1.11 = −0.11.
        AssertVector([1 - 0.11 / 1.0101, 1 - 0.011 / 1.0101, 1 - 0.0011 / 1.0101], sgd.Theta, 1e-6);
        var adam = ConvergenceRunner.Run(Problem, new ConvergenceSettings { Optimizer = "adam", Theta0 = theta0 });
        Assert.Null(adam.Predicted);
    }
}
