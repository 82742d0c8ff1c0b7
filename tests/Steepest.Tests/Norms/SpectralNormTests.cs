using System.Numerics.Tensors;
using CsCheck;
using Steepest.LinearAlgebra;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

public sealed class SpectralNormTests
{
    private static readonly Gen<(int Rows, int Columns, double[] G, double Alpha)> Matrices =
        from rows in Gen.Int[1, 40]
        from columns in Gen.Int[1, 40]
        from rank in Gen.Int[1, Math.Min(rows, columns)]
        from left in Gen.Double[-2, 2].Array[rows * rank]
        from right in Gen.Double[-2, 2].Array[rank * columns]
        from alpha in Gen.Double[0.01, 3]
        select (rows, columns, Product(left, right, rows, rank, columns), alpha);

    /// <summary>A rows×k times k×columns product: an exactly rank-≤k matrix.</summary>
    private static double[] Product(double[] a, double[] b, int rows, int k, int columns)
    {
        var c = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                for (int r = 0; r < k; r++) c[i * columns + j] += a[i * k + r] * b[r * columns + j];
        return c;
    }

    [Fact]
    public void SpectralStepIsMinusHalfAlphaNuclearNormTimesUVTransposeFromTheSvd()
    {
        Property.ForAll(Matrices, 301, 40, m =>
        {
            var svd = SingularValueDecomposition.Compute(m.G, m.Rows, m.Columns);
            int k = svd.Rank, r = svd.NumericalRank();
            double nuclear = svd.S.Sum();
            var expected = new double[m.Rows * m.Columns];
            for (int i = 0; i < m.Rows; i++)
                for (int j = 0; j < m.Columns; j++)
                    for (int t = 0; t < r; t++) expected[i * m.Columns + j] += svd.U[i * k + t] * svd.V[j * k + t];
            TensorPrimitives.Multiply(expected, -m.Alpha / 2 * nuclear, expected);

            double[] step = new SpectralNorm(m.Rows, m.Columns).SteepestStep(m.G, m.Alpha);
            double scale = TensorPrimitives.Norm<double>(expected) + 1e-300;
            Assert.True(TensorPrimitives.Distance<double>(step, expected) <= 1e-9 * scale);

            // RMS→RMS differs only by the shape factor fan_out/fan_in = rows/columns.
            double[] rms = new RmsOperatorNorm(m.Rows, m.Columns).SteepestStep(m.G, m.Alpha);
            TensorPrimitives.Multiply(expected, (double)m.Rows / m.Columns, expected);
            Assert.True(TensorPrimitives.Distance<double>(rms, expected) <= 1e-9 * TensorPrimitives.Norm<double>(expected) + 1e-300);

            // The SVD itself reconstructs the matrix.
            double norm = TensorPrimitives.Norm<double>(m.G);
            Assert.True(TensorPrimitives.Distance<double>(svd.Reconstruct(), m.G) <= 1e-5 * norm + 1e-300);
        });
    }

    [Fact]
    public void SpectralNormAgreesWithPowerIterationAndSingularValuesWithFrobenius()
    {
        Property.ForAll(Matrices, 302, 25, m =>
        {
            var norm = new SpectralNorm(m.Rows, m.Columns);
            double sigma = norm.Value(m.G);
            // Independent: power iteration on GᵀG, and Σσᵢ² = ‖G‖_F².
            var v = Enumerable.Repeat(1.0, m.Columns).ToArray();
            double estimate = 0;
            for (int iteration = 0; iteration < 3000; iteration++)
            {
                var gv = new double[m.Rows];
                for (int i = 0; i < m.Rows; i++) gv[i] = TensorPrimitives.Dot<double>(m.G.AsSpan(i * m.Columns, m.Columns), v);
                var next = new double[m.Columns];
                for (int i = 0; i < m.Rows; i++) TensorPrimitives.MultiplyAdd<double>(m.G.AsSpan(i * m.Columns, m.Columns), gv[i], next, next);
                double length = TensorPrimitives.Norm<double>(next);
                if (length == 0) break;
                estimate = Math.Sqrt(length / TensorPrimitives.Norm<double>(v));
                TensorPrimitives.Divide<double>(next, length, v);
            }
            Assert.True(Math.Abs(estimate - sigma) <= 1e-6 * sigma + 1e-12, $"power iteration {estimate} vs σ₁ {sigma}");
            var svd = SingularValueDecomposition.Compute(m.G, m.Rows, m.Columns);
            double frobenius = TensorPrimitives.Dot<double>(m.G, m.G);
            Assert.True(Math.Abs(svd.S.Sum(s => s * s) - frobenius) <= 1e-10 * frobenius);
        });
    }

    [Fact]
    public void DualizeOfARankDeficientMatrixHasUnitSingularValuesOnItsRankOnly()
    {
        // Rank 1: [1 2; 2 4; 3 6] = [1;2;3]·[1 2].
        double[] g = [1, 2, 2, 4, 3, 6];
        var t = new SpectralNorm(3, 2).Dualize(g);
        var svd = SingularValueDecomposition.Compute(t, 3, 2);
        Assert.Equal(1, svd.S[0], 1e-12);
        Assert.Equal(0, svd.S[1], 1e-12);
        // U·Vᵀ of a rank-one matrix is the normalized matrix itself.
        double length = Math.Sqrt(g.Sum(x => x * x));
        for (int i = 0; i < g.Length; i++) Assert.Equal(g[i] / length, t[i], 1e-12);
    }
}
