using System.Numerics.Tensors;
using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class SingularValueDecompositionTests
{
    private static readonly Gen<(int Rows, int Columns, double[] A)> Shapes =
        from rows in Gen.Frequency((1, Gen.Const(1)), (4, Gen.Int[1, 50]))
        from columns in Gen.Frequency((1, Gen.Const(1)), (4, Gen.Int[1, 50]))
        from kind in Gen.Int[0, 3]
        from values in Gen.Double[-5, 5].Array[rows * columns]
        select (rows, columns, kind switch
        {
            0 => new double[rows * columns],                                     // zero
            1 => values.Select((v, i) => i % columns == 0 ? v : values[i - i % columns] * (i % columns)).ToArray(), // rank ≤ 1 per row pattern
            _ => values,
        });

    [Fact]
    public void ReconstructsAndIsOrthonormalForRandomRankDeficientThinAndZeroMatrices()
    {
        Property.ForAll(Shapes, 401, 80, c =>
        {
            var svd = SingularValueDecomposition.Compute(c.A, c.Rows, c.Columns);
            int k = Math.Min(c.Rows, c.Columns);
            Assert.Equal(k, svd.Rank);
            double scale = TensorPrimitives.Norm<double>(c.A);
            Assert.True(TensorPrimitives.Distance<double>(svd.Reconstruct(), c.A) <= 1e-12 * scale + 1e-300);
            for (int i = 1; i < k; i++) Assert.True(svd.S[i - 1] >= svd.S[i]);
            Assert.All(svd.S, s => Assert.True(s >= 0));
            AssertOrthonormalColumns(svd.U, c.Rows, k);
            AssertOrthonormalColumns(svd.V, c.Columns, k);
        }, c => $"{c.Rows}×{c.Columns}");
    }

    private static void AssertOrthonormalColumns(double[] m, int rows, int k)
    {
        for (int a = 0; a < k; a++)
            for (int b = a; b < k; b++)
            {
                double dot = 0;
                for (int i = 0; i < rows; i++) dot += m[i * k + a] * m[i * k + b];
                Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) <= 1e-12, $"columns {a},{b}: {dot}");
            }
    }

    [Fact]
    public void KnownSingularValues()
    {
        // diag(3, 2) padded into a 3×2 matrix, rotated rows: singular values are 3 and 2.
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        double[] a = [3 * c, -2 * s, 3 * s, 2 * c, 0, 0];
        var svd = SingularValueDecomposition.Compute(a, 3, 2);
        Assert.Equal(3, svd.S[0], 1e-14);
        Assert.Equal(2, svd.S[1], 1e-14);
        Assert.Equal(2, svd.NumericalRank());
        Assert.Equal(0, SingularValueDecomposition.Compute(new double[6], 2, 3).NumericalRank());
    }

    [Fact]
    public void RejectsBadShapesAndNonFiniteEntries()
    {
        Assert.Throws<ArgumentException>(() => SingularValueDecomposition.Compute(new double[5], 2, 3));
        Assert.Throws<ArgumentException>(() => SingularValueDecomposition.Compute(new double[0], 0, 3));
        Assert.Throws<ArgumentException>(() => SingularValueDecomposition.Compute([1, double.NaN], 1, 2));
    }
}
