using System.Numerics.Tensors;
using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class DecompositionTests
{
    private static double[] Product(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        Gemm.Multiply(a, b, c, m, k, n);
        return c;
    }

    private static double[] TransposeOf(double[] a, int m, int n)
    {
        var t = new double[n * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
        return t;
    }

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b).Max(t => Math.Abs(t.First - t.Second));

    /// <summary>Float matrices of the acceptance kinds: random, rank-deficient, 1×n, n×1, zero.</summary>
    private static readonly Gen<(int Rows, int Columns, float[] A, string Kind)> FloatMatrices =
        from kind in Gen.Int[0, 4]
        from rows in kind == 2 ? Gen.Const(1) : Gen.Int[1, 60]
        from columns in kind == 3 ? Gen.Const(1) : Gen.Int[1, 60]
        from left in Gen.Float[-4, 4].Array[rows * 2]
        from right in Gen.Float[-4, 4].Array[2 * columns]
        from values in Gen.Float[-4, 4].Array[rows * columns]
        select (rows, columns, kind switch
        {
            1 => Enumerable.Range(0, rows * columns).Select(i => left[i / columns * 2] * right[i % columns] + left[i / columns * 2 + 1] * right[columns + i % columns]).ToArray(),
            4 => new float[rows * columns],
            _ => values,
        }, kind switch { 0 => "random", 1 => "rank ≤ 2", 2 => "1×n", 3 => "n×1", _ => "zero" });

    [Fact]
    public void FloatSvdReconstructsToFloatPrecisionWithOrthonormalFactors()
    {
        Property.ForAll(FloatMatrices, 701, 60, c =>
        {
            var svd = SingularValueDecomposition.Compute(c.A, c.Rows, c.Columns);
            float[] u = svd.U.Select(v => (float)v).ToArray(), s = svd.S.Select(v => (float)v).ToArray(), vt = svd.V.Select(v => (float)v).ToArray();
            int k = svd.Rank;
            double norm = Math.Sqrt(c.A.Sum(x => (double)x * x));
            double residual = 0;
            for (int i = 0; i < c.Rows; i++)
                for (int j = 0; j < c.Columns; j++)
                {
                    float sum = 0;
                    for (int r = 0; r < k; r++) sum += u[i * k + r] * s[r] * vt[j * k + r];
                    residual += Math.Pow(c.A[i * c.Columns + j] - sum, 2);
                }
            Assert.True(Math.Sqrt(residual) <= 1e-5 * norm + 1e-30, $"‖A − UΣVᵀ‖ = {Math.Sqrt(residual)} for ‖A‖ = {norm}");
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    float du = 0, dv = 0;
                    for (int i = 0; i < c.Rows; i++) du += u[i * k + a] * u[i * k + b];
                    for (int i = 0; i < c.Columns; i++) dv += vt[i * k + a] * vt[i * k + b];
                    Assert.True(Math.Abs(du - (a == b ? 1 : 0)) <= 1e-5 && Math.Abs(dv - (a == b ? 1 : 0)) <= 1e-5, $"orthogonality of columns {a},{b}");
                }
        }, c => $"{c.Kind} {c.Rows}×{c.Columns}");
    }

    [Fact]
    public void EigenpairsOfBtBMatchTheSquaredSingularValuesOfB()
    {
        var cases = from rows in Gen.Int[1, 40] from n in Gen.Int[1, 40] from b in Gen.Double[-3, 3].Array[rows * n] select (rows, n, b);
        Property.ForAll(cases, 702, 40, c =>
        {
            double[] gram = Product(TransposeOf(c.b, c.rows, c.n), c.b, c.n, c.rows, c.n);
            var eig = SymmetricEigenDecomposition.Compute(gram, c.n);
            double scale = Math.Max(1e-300, eig.Values.Max(Math.Abs));
            for (int j = 1; j < c.n; j++) Assert.True(eig.Values[j - 1] <= eig.Values[j]);
            // A·V = V·Λ and VᵀV = I.
            double[] av = Product(gram, eig.Vectors, c.n, c.n, c.n);
            for (int i = 0; i < c.n; i++)
                for (int j = 0; j < c.n; j++)
                    Assert.True(Math.Abs(av[i * c.n + j] - eig.Vectors[i * c.n + j] * eig.Values[j]) <= 1e-10 * scale);
            double[] vtv = Product(TransposeOf(eig.Vectors, c.n, c.n), eig.Vectors, c.n, c.n, c.n);
            for (int i = 0; i < c.n; i++)
                for (int j = 0; j < c.n; j++) Assert.True(Math.Abs(vtv[i * c.n + j] - (i == j ? 1 : 0)) <= 1e-12);
            // Independent: the eigenvalues of BᵀB are the squared singular values of B (padded with zeros).
            var squared = SingularValueDecomposition.Compute(c.b, c.rows, c.n).S.Select(s => s * s)
                .Concat(Enumerable.Repeat(0.0, Math.Max(0, c.n - c.rows))).Order().ToArray();
            for (int j = 0; j < c.n; j++) Assert.True(Math.Abs(squared[j] - eig.Values[j]) <= 1e-10 * scale);
        });
    }

    [Fact]
    public void QrIsOrthonormalTimesUpperTriangularAndSolvesLeastSquares()
    {
        var cases = from n in Gen.Int[1, 20] from extra in Gen.Int[0, 25] from a in Gen.Double[-2, 2].Array[(n + extra) * n] from b in Gen.Double[-2, 2].Array[n + extra] select (m: n + extra, n, a, b);
        Property.ForAll(cases, 703, 40, c =>
        {
            var qr = QrDecomposition.Compute(c.a, c.m, c.n);
            double[] q = qr.Q(), r = qr.R();
            Assert.True(MaxDifference(Product(q, r, c.m, c.n, c.n), c.a) <= 1e-12);
            for (int i = 0; i < c.n; i++)
                for (int j = 0; j < i; j++) Assert.Equal(0, r[i * c.n + j]);
            double[] qtq = Product(TransposeOf(q, c.m, c.n), q, c.n, c.m, c.n);
            for (int i = 0; i < c.n; i++)
                for (int j = 0; j < c.n; j++) Assert.True(Math.Abs(qtq[i * c.n + j] - (i == j ? 1 : 0)) <= 1e-12);
            // The least-squares solution satisfies the normal equations Aᵀ(Ax − b) = 0.
            double[] x = qr.SolveLeastSquares(c.b);
            double[] residual = Product(c.a, x, c.m, c.n, 1).Zip(c.b, (ax, bi) => ax - bi).ToArray();
            double[] normal = Product(TransposeOf(c.a, c.m, c.n), residual, c.n, c.m, 1);
            Assert.True(normal.Max(Math.Abs) <= 1e-9 * (1 + c.b.Max(Math.Abs)));
        });
    }

    [Fact]
    public void CholeskyFactorsSpdMatricesAndRejectsOthers()
    {
        var random = new Random(4);
        int n = 12;
        double[] b = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] spd = Product(TransposeOf(b, n, n), b, n, n, n);
        for (int i = 0; i < n; i++) spd[i * n + i] += 0.1;
        var cholesky = CholeskyDecomposition.Compute(spd, n);
        Assert.True(MaxDifference(Product(cholesky.L, TransposeOf(cholesky.L, n, n), n, n, n), spd) <= 1e-12);
        double[] rhs = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        Assert.True(MaxDifference(Product(spd, cholesky.Solve(rhs), n, n, 1), rhs) <= 1e-10);
        Assert.Throws<InvalidOperationException>(() => CholeskyDecomposition.Compute([1, 2, 2, 1], 2));
    }

    [Fact]
    public void PseudoInverseMeetsThePenroseConditionsAndGivesTheMinimumNormSolution()
    {
        var cases = from m in Gen.Int[1, 15] from n in Gen.Int[1, 30] from rank in Gen.Int[1, Math.Min(m, n)]
                    from left in Gen.Double[-2, 2].Array[m * rank] from right in Gen.Double[-2, 2].Array[rank * n] from b in Gen.Double[-2, 2].Array[m]
                    select (m, n, rank, a: Product(left, right, m, rank, n), b);
        Property.ForAll(cases, 704, 50, c =>
        {
            double[] pinv = LeastSquares.PseudoInverse(c.a, c.m, c.n);
            double scale = 1 + c.a.Max(Math.Abs);
            // A·A⁺·A = A, A⁺·A·A⁺ = A⁺, A·A⁺ and A⁺·A symmetric.
            double[] aap = Product(c.a, pinv, c.m, c.n, c.m), apa = Product(pinv, c.a, c.n, c.m, c.n);
            Assert.True(MaxDifference(Product(aap, c.a, c.m, c.m, c.n), c.a) <= 1e-8 * scale);
            Assert.True(MaxDifference(Product(apa, pinv, c.n, c.n, c.m), pinv) <= 1e-6 * (1 + pinv.Max(Math.Abs)));
            Assert.True(MaxDifference(aap, TransposeOf(aap, c.m, c.m)) <= 1e-8);
            Assert.True(MaxDifference(apa, TransposeOf(apa, c.n, c.n)) <= 1e-8);

            double[] x = LeastSquares.MinimumNormSolution(c.a, c.m, c.n, c.b);
            Assert.True(MaxDifference(x, Product(pinv, c.b, c.n, c.m, 1)) <= 1e-8 * (1 + x.Max(Math.Abs)));
            var svd = SingularValueDecomposition.Compute(c.a, c.m, c.n);
            int r = svd.NumericalRank(), k = svd.Rank;
            // The generator's rank is an upper bound (it can emit zeros and repeats), so ask the SVD.
            if (r == c.m && svd.S[c.m - 1] > 1e-6 * svd.S[0])
            {
                // Full row rank: independently, x = Aᵀ(AAᵀ)⁻¹b through Cholesky; and A·x = b exactly.
                double[] gram = Product(c.a, TransposeOf(c.a, c.m, c.n), c.m, c.n, c.m);
                double[] y = CholeskyDecomposition.Compute(gram, c.m).Solve(c.b);
                double[] expected = Product(TransposeOf(c.a, c.m, c.n), y, c.n, c.m, 1);
                Assert.True(MaxDifference(x, expected) <= 1e-6 * (1 + expected.Max(Math.Abs)));
                Assert.True(MaxDifference(Product(c.a, x, c.m, c.n, 1), c.b) <= 1e-8 * (1 + c.b.Max(Math.Abs)));
            }
            // Any other least-squares solution x + z with A·z = 0 is longer: x is orthogonal to the null space.
            double[] vTx = new double[k];
            for (int j = r; j < k; j++)
                for (int i = 0; i < c.n; i++) vTx[j] += svd.V[i * k + j] * x[i];
            Assert.True(vTx.Max(Math.Abs) <= 1e-8 * (1 + x.Max(Math.Abs)));
        });
    }
}
