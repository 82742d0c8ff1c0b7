using Steepest.Convergence;

namespace Steepest.Tests.Convergence;

public sealed class RandomProblemTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(0, 20));

    private static (int Samples, int Features) Shape(int seed)
    {
        var random = new Random(seed);
        int n = 1 + random.Next(20);
        return (n, n + 1 + random.Next(100 - n));
    }

    /// <summary>20 seeded random underdetermined problems up to 20×100: gradient descent and fixed-preconditioner descent to 1e-6.</summary>
    [Theory, MemberData(nameof(Seeds))]
    public void GradientAndPreconditionedDescentReachTheirPredictions(int seed)
    {
        var (n, d) = Shape(seed);
        var problem = LeastSquaresProblem.RandomUnderdetermined(n, d, seed);
        var gd = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", Mode = BatchMode.FullBatch });
        Assert.True(gd.Converged && gd.DistanceToPrediction <= 1e-6, $"{n}×{d} gd: {gd.Reason}, distance {gd.DistanceToPrediction}");

        var sgd = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "sgd", Mode = BatchMode.PerSample, Seed = seed });
        Assert.True(sgd.Converged && sgd.DistanceToPrediction <= 1e-6, $"{n}×{d} per-sample sgd: {sgd.Reason}, distance {sgd.DistanceToPrediction}");

        var random = new Random(seed + 1000);
        var weights = Enumerable.Range(0, d).Select(_ => 0.25 + 2 * random.NextDouble()).ToArray();
        var preconditioned = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "steepest:weighted", Weights = weights, Mode = BatchMode.FullBatch });
        Assert.True(preconditioned.Converged && preconditioned.DistanceToPrediction <= 1e-6,
            $"{n}×{d} preconditioned: {preconditioned.Reason}, distance {preconditioned.DistanceToPrediction}");
        // The preconditioned limit differs from the minimum-norm one: the preconditioner changes the answer.
        Assert.True(gd.Theta.Zip(preconditioned.Theta, (a, b) => Math.Abs(a - b)).Max() > 1e-3 || n == d);
    }

    /// <summary>Where Wilson et al.'s condition X·sign(Xᵀy) = c·y holds, adaptive and sign methods reach sign(Xᵀy)/c to 1e-4.</summary>
    [Theory, MemberData(nameof(Seeds))]
    public void AdaptiveMethodsReachTheSignSolutionWhereTheLemmaHolds(int seed)
    {
        var (n, d) = Shape(seed);
        var problem = LeastSquaresProblem.RandomSignConsistent(n, d, seed);
        Assert.NotNull(ImplicitBias.SignSolution(problem));
        foreach (string optimizer in new[] { "adam", "epoch-adam", "sign-sgd", "adagrad" })
        {
            var result = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = optimizer, Mode = BatchMode.FullBatch });
            Assert.True(result.Converged && result.DistanceToPrediction <= 1e-4, $"{n}×{d} {optimizer}: {result.Reason}, distance {result.DistanceToPrediction}");
        }
    }

    [Fact]
    public void TheLemmaReportsNoClosedFormWhenItsConditionFails()
    {
        var problem = LeastSquaresProblem.RandomUnderdetermined(5, 12, 3);
        Assert.Null(ImplicitBias.SignSolution(problem));
        var adam = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "adam", Mode = BatchMode.FullBatch });
        Assert.Null(adam.Predicted);
        Assert.Null(adam.PredictionRule);
        Assert.True(adam.Loss < 1e-6); // the measured limit is still a solution
    }

    [Fact]
    public void PreconditionedPredictionMatchesTheClosedFormThroughCholesky()
    {
        // θ₀ + P·Xᵀ(X·P·Xᵀ)⁻¹(y − Xθ₀) computed directly, against ImplicitBias (which goes through the scaled SVD).
        var problem = LeastSquaresProblem.RandomUnderdetermined(4, 9, 7);
        var random = new Random(1);
        double[] p = Enumerable.Range(0, 9).Select(_ => 0.5 + random.NextDouble()).ToArray();
        double[] theta0 = Enumerable.Range(0, 9).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gram = new double[16];
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
                for (int i = 0; i < 9; i++) gram[a * 4 + b] += problem.X[a * 9 + i] * p[i] * problem.X[b * 9 + i];
        var residual = Enumerable.Range(0, 4).Select(j => problem.Residual(j, theta0)).ToArray();
        var z = Steepest.LinearAlgebra.CholeskyDecomposition.Compute(gram, 4).Solve(residual);
        var expected = new double[9];
        for (int i = 0; i < 9; i++)
        {
            expected[i] = theta0[i];
            for (int j = 0; j < 4; j++) expected[i] += p[i] * problem.X[j * 9 + i] * z[j];
        }
        var actual = ImplicitBias.PreconditionedFrom(problem, p, theta0);
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], actual[i], 1e-10);
    }
}
