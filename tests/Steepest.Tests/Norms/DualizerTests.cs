using CsCheck;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

/// <summary>The float dualizers optimizers use, checked against each norm's own double-precision Dualize and DualNorm.</summary>
public sealed class DualizerTests
{
    private static float[] Random(int length, int seed, double sparsity = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble() < sparsity ? 0f : (float)(4 * random.NextDouble() - 2)).ToArray();
    }

    private static void AgreesWithTheNorm(Norm norm, float[] g, double tolerance, bool exact = false)
    {
        var t = new float[g.Length];
        double dual = norm.CreateDualizer(exact: exact).Dualize(g, t);
        double[] gd = g.Select(v => (double)v).ToArray();
        double[] expected = norm.Dualize(gd);
        Assert.Equal(norm.DualNorm(gd), dual, tolerance * Math.Max(1, Math.Abs(dual)));
        for (int i = 0; i < g.Length; i++) Assert.Equal(expected[i], t[i], tolerance * 10);
    }

    [Fact]
    public void SignIsTheExactLInfinityDualization() => Property.ForAll(
        from n in Gen.Int[1, 3000] from seed in Gen.Int[0, 1000] select (n, seed), 301, 30,
        c => AgreesWithTheNorm(new LInfinityNorm(), Random(c.n, c.seed, 0.2), 1e-5));

    [Fact]
    public void RowNormalisationIsTheExactRowRmsDualization() => Property.ForAll(
        from rows in Gen.Int[1, 40] from columns in Gen.Int[1, 40] from seed in Gen.Int[0, 1000] select (rows, columns, seed), 302, 30,
        c =>
        {
            var g = Random(c.rows * c.columns, c.seed);
            for (int j = 0; j < c.columns; j++) g[j] = 0; // a token that did not occur: its row stays 0
            AgreesWithTheNorm(new RowRmsNorm(c.rows, c.columns), g, 1e-5);
        });

    [Fact]
    public void ExactSpectralDualizationIsTheSvdPolarFactorOverTheScale() => Property.ForAll(
        from rows in Gen.Int[1, 12] from columns in Gen.Int[1, 12] from seed in Gen.Int[0, 1000] select (rows, columns, seed), 303, 20,
        c => AgreesWithTheNorm(new RmsOperatorNorm(c.rows, c.columns), Random(c.rows * c.columns, c.seed), 1e-5, exact: true));

    [Fact]
    public void NewtonSchulzApproximatesTheOperatorNormDualization() => Property.ForAll(
        from rows in Gen.Int[2, 48] from columns in Gen.Int[2, 48] from seed in Gen.Int[0, 1000] select (rows, columns, seed), 304, 20,
        c =>
        {
            var norm = new RmsOperatorNorm(c.rows, c.columns);
            var g = Random(c.rows * c.columns, c.seed);
            var t = new float[g.Length];
            double estimate = norm.CreateDualizer(5).Dualize(g, t);
            double[] gd = g.Select(v => (double)v).ToArray();
            // The quintic maps singular values into about [0.7, 1.2]: the estimate of ‖g‖* and the step's norm are near 1·, not equal.
            Assert.InRange(estimate / norm.DualNorm(gd), 0.6, 1.25);
            Assert.InRange(norm.Value(t.Select(v => (double)v).ToArray()), 0.6, 1.3);
        });

    [Fact]
    public void InPlaceEqualsOutOfPlaceAndEdgeCasesFollowTheNormRules()
    {
        foreach (var norm in (Norm[])[new LInfinityNorm(), new RowRmsNorm(3, 5), new RmsOperatorNorm(3, 5), new SpectralNorm(5, 3), new L2Norm()])
        {
            var g = Random(15, 7);
            var separate = new float[15];
            double dual = norm.CreateDualizer().Dualize(g, separate);
            var inPlace = (float[])g.Clone();
            Assert.Equal(dual, norm.CreateDualizer().Dualize(inPlace, inPlace), 1e-9);
            Assert.Equal(separate, inPlace);

            var zero = new float[15];
            Assert.Equal(0, norm.CreateDualizer().Dualize(new float[15], zero));
            Assert.All(zero, v => Assert.Equal(0f, v));
            g[4] = float.NaN;
            var bad = new float[15];
            Assert.True(double.IsNaN(norm.CreateDualizer().Dualize(g, bad)));
            Assert.All(bad, v => Assert.True(float.IsNaN(v)));
        }
        Assert.Throws<ArgumentException>(() => new RowRmsNorm(3, 5).CreateDualizer().Dualize(new float[14], new float[14]));
    }
}
