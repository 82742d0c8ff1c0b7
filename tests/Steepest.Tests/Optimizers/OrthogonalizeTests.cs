using Steepest.LinearAlgebra;
using Steepest.Optimizers;
using Steepest.Optimizers.Transforms;

namespace Steepest.Tests.Optimizers;

public sealed class OrthogonalizeTests
{
    private static float[] Gaussian(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return values;
    }

    [Theory]
    [InlineData(1, 300)]
    [InlineData(300, 1)]
    [InlineData(64, 256)]
    [InlineData(256, 64)]
    [InlineData(512, 784)]
    public void NewtonSchulzPutsEverySingularValueBetweenHalfAndOneAndAHalf(int rows, int columns)
    {
        float[] g = Gaussian(rows * columns, rows + columns);
        var x = new float[g.Length];
        NewtonSchulz.Orthogonalize(g, rows, columns, x);
        var sigma = SingularValueDecomposition.Compute(x, rows, columns).S;
        Assert.True(sigma.Min() >= 0.5 && sigma.Max() <= 1.5, $"σ ∈ [{sigma.Min()}, {sigma.Max()}]");
    }

    [Fact]
    public void ExactModeEqualsUVTransposeFromTheSvdTimesTheShapeFactor()
    {
        foreach (var (rows, columns) in new[] { (6, 4), (4, 6), (5, 5), (1, 8), (8, 1) })
        {
            var parameter = new Parameter("w", [rows, columns], ParameterKind.Linear);
            float[] g = Gaussian(rows * columns, rows * 31 + columns);
            g.CopyTo(parameter.Gradient, 0);
            var transform = new Orthogonalize(exact: true);
            var update = (float[])g.Clone();
            transform.Update(new UpdateContext([parameter], [update]), transform.Init([parameter]));

            var svd = SingularValueDecomposition.Compute(g, rows, columns);
            int k = svd.Rank;
            double scale = Math.Sqrt(Math.Max(1.0, (double)rows / columns));
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                {
                    double uvt = 0;
                    for (int t = 0; t < k; t++) uvt += svd.U[i * k + t] * svd.V[j * k + t];
                    Assert.Equal(scale * uvt, update[i * columns + j], 1e-5);
                }
        }
    }

    [Fact]
    public void NewtonSchulzApproximatesTheExactPolarFactor()
    {
        // Well-conditioned input: every σ in [1, 2] after normalization lands near 1, so NS ≈ U·Vᵀ.
        int n = 20;
        var q = SingularValueDecomposition.Compute(Gaussian(n * n, 3), n, n);
        var g = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int t = 0; t < n; t++) sum += q.U[i * n + t] * (1 + t / (double)n) * q.V[j * n + t];
                g[i * n + j] = (float)sum;
            }
        var approximate = new float[n * n];
        NewtonSchulz.Orthogonalize(g, n, n, approximate);
        var exact = new float[n * n];
        new Steepest.Norms.SpectralNorm(n, n).CreateDualizer(exact: true).Dualize(g, exact);
        double difference = Math.Sqrt(approximate.Zip(exact, (a, b) => (double)(a - b) * (a - b)).Sum() / n);
        Assert.True(difference < 0.35, $"rms distance {difference}");
    }
}
