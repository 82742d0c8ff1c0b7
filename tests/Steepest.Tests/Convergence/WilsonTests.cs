using Steepest.Convergence;

namespace Steepest.Tests.Convergence;

public sealed class WilsonTests
{
    [Theory]
    [InlineData(20, 1)]
    [InlineData(40, 2)]
    public void AdaptiveMethodsGeneralizeFarWorseThanGradientDescent(int samples, int seed)
    {
        double p = 0.875;
        var problem = WilsonConstruction.Generate(samples, p, seed);
        var gd = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", Mode = BatchMode.FullBatch });
        double gdError = WilsonConstruction.TestError(gd.Theta, p);
        foreach (string adaptive in new[] { "adam", "adagrad", "rmsprop", "epoch-adam" })
        {
            var run = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = adaptive, Mode = BatchMode.FullBatch });
            double error = WilsonConstruction.TestError(run.Theta, p);
            Assert.True(gd.Converged && run.Converged);
            Assert.True(gdError == 0 && error >= 0.1, $"{adaptive}: test error {error} vs gradient descent {gdError}");
        }
    }

    [Fact]
    public void TheConstructionHasOneOrFivePrivateFeaturesPerSample()
    {
        var problem = WilsonConstruction.Generate(10, 0.875, 5);
        int positive = problem.Y.Count(y => y > 0);
        Assert.Equal(3 + positive + 5 * (10 - positive), problem.Features);
        for (int j = 0; j < 10; j++)
        {
            var row = problem.Row(j);
            Assert.Equal(problem.Y[j], row[0]);
            Assert.Equal(1, row[1]);
            Assert.Equal(problem.Y[j] > 0 ? 4 : 8, row.ToArray().Count(v => v != 0)); // three shared plus one or five private
        }
    }
}
