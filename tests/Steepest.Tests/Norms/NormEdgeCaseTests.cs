using Steepest.LinearAlgebra;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

public sealed class NormEdgeCaseTests
{
    public static TheoryData<string> AllNorms => new(["l2", "linf", "l1", "lp:3", "lp:1.5", "weighted", "frobenius", "spectral", "rms", "block"]);

    private static Norm Make(string name, int rows, int columns) => name switch
    {
        "weighted" => new WeightedL2Norm(Enumerable.Range(1, rows * columns).Select(i => 0.5 + i).ToArray()),
        "block" => new MaxCombinationNorm([new NormBlock(new L2Norm(), 1, 2), new NormBlock(new SpectralNorm(1, rows * columns - 1), rows * columns - 1, 0.5)]),
        _ => NormCatalogue.Parse(name, rows, columns),
    };

    [Theory, MemberData(nameof(AllNorms))]
    public void ZeroGradientGivesZeroStepAndZeroDualNorm(string name)
    {
        var norm = Make(name, 2, 3);
        var zero = new double[6];
        Assert.Equal(0, norm.DualNorm(zero));
        Assert.All(norm.Dualize(zero), v => Assert.Equal(0, v));
        Assert.All(norm.SteepestStep(zero, 0.7), v => Assert.Equal(0, v));
        var solution = PenalizedLinearSolver.Solve(zero, 0.7, ConvexPenalty.SquaredNorm(norm));
        Assert.Equal(SolverStatus.Converged, solution.Status);
        Assert.Equal(0, solution.Objective);
    }

    [Theory, MemberData(nameof(AllNorms))]
    public void NonFiniteInputPropagatesAsNaN(string name)
    {
        var norm = Make(name, 2, 3);
        foreach (double bad in (double[])[double.NaN, double.PositiveInfinity, double.NegativeInfinity])
        {
            double[] g = [1, bad, 2, 0, -1, 3];
            Assert.True(double.IsNaN(norm.Value(g)));
            Assert.True(double.IsNaN(norm.DualNorm(g)));
            Assert.All(norm.Dualize(g), v => Assert.True(double.IsNaN(v)));
            var u = new double[6];
            Assert.True(double.IsNaN(norm.SteepestStep(g, 1, u)));
            Assert.All(u, v => Assert.True(double.IsNaN(v)));
        }
    }

    [Theory, MemberData(nameof(AllNorms))]
    public void LengthAndStepSizeAreValidatedUpFront(string name)
    {
        var norm = Make(name, 2, 3);
        double[] g = [1, 2, 3, 4, 5, 6];
        Assert.Throws<ArgumentException>(() => norm.Dualize(g, new double[5]));
        Assert.Throws<ArgumentException>(() => norm.Value(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => norm.SteepestStep(g, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => norm.SteepestStep(g, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => norm.SteepestStep(g, double.NaN));
        if (norm.Length is not null) Assert.Throws<ArgumentException>(() => norm.Value(new double[7]));
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("linf")]
    [InlineData("l1")]
    [InlineData("lp:4")]
    [InlineData("frobenius")]
    [InlineData("spectral")]
    [InlineData("rms")]
    public void OneElementDualizesToItsSign(string name)
    {
        var norm = NormCatalogue.Parse(name, 1, 1);
        foreach (double value in (double[])[-2.5, 3e-200, 7e150])
        {
            Assert.Equal(Math.Sign(value), norm.Dualize([value])[0], 12);
            Assert.Equal(Math.Abs(value), norm.DualNorm([value]), Math.Abs(value) * 1e-14);
        }
    }

    [Fact]
    public void L1DualizeMovesOnlyTheLowestIndexAmongTies()
    {
        var l1 = new L1Norm();
        Assert.Equal([0, -1, 0, 0], l1.Dualize([1, -4, 4, 3]));
        Assert.Equal([1, 0, 0], l1.Dualize([2, -2, 2]));
    }

    [Fact]
    public void LInfinityDualizeMapsZeroComponentsToZero()
    {
        Assert.Equal([1, 0, -1, 0], new LInfinityNorm().Dualize([3, 0, -1e-300, 0]));
    }

    [Fact]
    public void CatalogueRejectsBadNamesAndParameters()
    {
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("l3", 1, 2));
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("lp:1", 1, 2));
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("lp:x", 1, 2));
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("weighted", 1, 2));
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("weighted", 1, 2, [1, 0]));
        Assert.Throws<ArgumentException>(() => NormCatalogue.Parse("l2", 1, 2, [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LpNorm(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new MaxCombinationNorm([new NormBlock(new SpectralNorm(2, 2), 3, 1)]));
        Assert.IsType<LpNorm>(NormCatalogue.Parse("lp:2.5", 1, 3));
        Assert.Equal("rms", NormCatalogue.Parse("RMS", 3, 2).Name);
    }

    [Fact]
    public void LpAtTwoIsTheEuclideanNorm()
    {
        var random = new Random(5);
        double[] g = Enumerable.Range(0, 50).Select(_ => random.NextDouble() - 0.5).ToArray();
        var lp = new LpNorm(2);
        var l2 = new L2Norm();
        Assert.Equal(l2.DualNorm(g), lp.DualNorm(g), 1e-14);
        var a = lp.SteepestStep(g, 0.3);
        var b = l2.SteepestStep(g, 0.3);
        for (int i = 0; i < g.Length; i++) Assert.Equal(b[i], a[i], 1e-14);
    }
}
