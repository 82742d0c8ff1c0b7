using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class GemmTests
{
    public static TheoryData<int, int, int> AcceptanceShapes => new()
    {
        { 1, 1, 1 }, { 17, 33, 5 }, { 1000, 1, 1000 }, { 1, 1000, 1 }, { 257, 513, 129 }, { 13, 64, 384 }, { 25, 65, 770 },
    };

    public static TheoryData<GemmKernel> Kernels => new(GemmKernel.Vector512, GemmKernel.Vector256, GemmKernel.Scalar, GemmKernel.Auto);

    /// <summary>C = α·op(A)·op(B) + β·C₀ in double, straight from the definition.</summary>
    private static double[] Reference(Transpose ta, Transpose tb, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c0, int m, int n, int k, out double[] magnitude)
    {
        var c = new double[m * n];
        magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0, size = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = ta == Transpose.None ? a[i * lda + p] : a[p * lda + i];
                    double y = tb == Transpose.None ? b[p * ldb + j] : b[j * ldb + p];
                    sum += x * y;
                    size += Math.Abs(x * y);
                }
                c[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c0[i * n + j]);
                magnitude[i * n + j] = Math.Abs(alpha) * size + Math.Abs(beta * c0[i * n + j]);
            }
        return c;
    }

    private static float[] RandomMatrix(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();

    private static void Check(int m, int n, int k, Transpose ta, Transpose tb, float alpha, float beta, GemmKernel kernel, int threads, int seed)
    {
        var random = new Random(seed);
        int aRows = ta == Transpose.None ? m : k, aColumns = ta == Transpose.None ? k : m;
        int bRows = tb == Transpose.None ? k : n, bColumns = tb == Transpose.None ? n : k;
        float[] a = RandomMatrix(random, aRows * aColumns), b = RandomMatrix(random, bRows * bColumns), c = RandomMatrix(random, m * n);
        float[] c0 = (float[])c.Clone();
        double[] expected = Reference(ta, tb, alpha, a, aColumns, b, bColumns, beta, c0, m, n, k, out var magnitude);
        Gemm.Multiply(ta, tb, alpha, new ReadOnlyMatrixSpan<float>(a, aRows, aColumns), new ReadOnlyMatrixSpan<float>(b, bRows, bColumns), beta,
            new MatrixSpan<float>(c, m, n), new GemmOptions { Kernel = kernel, Threads = threads });
        double worst = 0, largest = 1e-30;
        for (int i = 0; i < m * n; i++)
        {
            double error = Math.Abs(c[i] - expected[i]);
            // Elementwise: fp32 summation error is bounded by ~k·ε·Σ|aᵢₚbₚⱼ|.
            Assert.True(error <= 2e-7 * (k + 2) * magnitude[i] + 1e-30, $"C[{i / n},{i % n}] = {c[i]} vs {expected[i]} ({m}×{n}×{k} {ta}/{tb} {kernel} t={threads})");
            worst = Math.Max(worst, error);
            largest = Math.Max(largest, Math.Abs(expected[i]));
        }
        Assert.True(worst / largest <= 1e-5 * k, "relative error above 1e-5·k");
    }

    [Theory, MemberData(nameof(AcceptanceShapes))]
    public void MatchesADoubleReferenceForAllTransposesKernelsAndThreads(int m, int n, int k)
    {
        foreach (var kernel in (GemmKernel[])[GemmKernel.Vector512, GemmKernel.Vector256, GemmKernel.Scalar])
            foreach (var ta in (Transpose[])[Transpose.None, Transpose.Transposed])
                foreach (var tb in (Transpose[])[Transpose.None, Transpose.Transposed])
                    foreach (int threads in (int[])[1, 2])
                        Check(m, n, k, ta, tb, 0.75f, -1.5f, kernel, threads, m * 7 + n * 3 + k);
    }

    [Fact]
    public void RandomShapesAndScalars()
    {
        var cases = from m in Gen.Int[1, 80] from n in Gen.Int[1, 80] from k in Gen.Int[1, 450]
                    from ta in Gen.Bool from tb in Gen.Bool
                    from alpha in Gen.OneOf(Gen.Const(1f), Gen.Const(0f), Gen.Float[-3, 3])
                    from beta in Gen.OneOf(Gen.Const(0f), Gen.Const(1f), Gen.Float[-3, 3])
                    from kernel in Gen.OneOf(Gen.Const(GemmKernel.Vector512), Gen.Const(GemmKernel.Vector256), Gen.Const(GemmKernel.Scalar))
                    select (m, n, k, ta, tb, alpha, beta, kernel);
        Property.ForAll(cases, 601, 60, c =>
            Check(c.m, c.n, c.k, c.ta ? Transpose.Transposed : Transpose.None, c.tb ? Transpose.Transposed : Transpose.None, c.alpha, c.beta, c.kernel, 2, c.m + c.n + c.k));
    }

    [Theory]
    [InlineData(130, 70, 900, 0.37f, 1f)] // several k blocks, β = 1: C is read between them
    [InlineData(64, 289, 1000, 1f, 0f)]
    [InlineData(301, 17, 450, -2.5f, 0.5f)]
    public void TheThreadCountNeverChangesABit(int m, int n, int k, float alpha, float beta)
    {
        // Data-parallel replicas on MPI ranks (one core each) must match in-process workers (all cores) bit for bit:
        // bands fall on whole micro-panels, so only the matrix's own edge tiles take the edge path, whatever the split.
        var random = new Random(m + n + k);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] c0 = Enumerable.Range(0, m * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[]? first = null;
        foreach (var kernel in (GemmKernel[])[GemmKernel.Auto, GemmKernel.Scalar])
        {
            first = null;
            foreach (int threads in (int[])[1, 2, 3, 5])
            {
                var c = (float[])c0.Clone();
                Gemm.Multiply(Transpose.None, Transpose.None, alpha, new ReadOnlyMatrixSpan<float>(a, m, k), new ReadOnlyMatrixSpan<float>(b, k, n), beta,
                    new MatrixSpan<float>(c, m, n), new GemmOptions { Threads = threads, Kernel = kernel });
                if (first is null) first = c;
                else Assert.Equal(first, c);
            }
        }
    }

    [Fact]
    public void TheKernelWidthNeverChangesABit()
    {
        // Every element is one FMA chain over k, folded into C as fma(α, sum, C) per k block, whether it lies in a full
        // tile or an edge tile; the 512-bit kernel's edges fall on other rows than the 256-bit kernel's, so a
        // machine with AVX-512 and one with AVX2 only must agree bit for bit (here the 512-bit lanes run in software).
        var cases = from m in Gen.Int[1, 40] from n in Gen.Int[1, 70] from k in Gen.Int[1, 900]
                    from ta in Gen.Bool from tb in Gen.Bool
                    from alpha in Gen.OneOf(Gen.Const(1f), Gen.Const(0.75f), Gen.Float[-3, 3])
                    from beta in Gen.OneOf(Gen.Const(0f), Gen.Const(1f), Gen.Float[-3, 3])
                    select (m, n, k, ta, tb, alpha, beta);
        Property.ForAll(cases, 907, 40, c =>
            AssertSameBitsAtEveryWidth(c.m, c.n, c.k, c.ta ? Transpose.Transposed : Transpose.None, c.tb ? Transpose.Transposed : Transpose.None, c.alpha, c.beta, c.m * 31 + c.k));
        // 20 rows: the 512-bit kernel's edge tile holds rows 12-19, the 256-bit kernel's rows 18-19; 400 > KC, so C
        // already holds the first k block's sums when the second is folded in.
        AssertSameBitsAtEveryWidth(20, 16, 400, Transpose.None, Transpose.None, 0.75f, 0f, 1);
        AssertSameBitsAtEveryWidth(20, 16, 10, Transpose.None, Transpose.Transposed, 2.0315f, 1f, 2);
    }

    private static void AssertSameBitsAtEveryWidth(int m, int n, int k, Transpose ta, Transpose tb, float alpha, float beta, int seed)
    {
        var random = new Random(seed);
        float[] a = RandomMatrix(random, m * k), b = RandomMatrix(random, k * n), c0 = RandomMatrix(random, m * n);
        var results = ((GemmKernel[])[GemmKernel.Vector512, GemmKernel.Vector256]).Select(kernel =>
        {
            var c = (float[])c0.Clone();
            var left = ta == Transpose.None ? new ReadOnlyMatrixSpan<float>(a, m, k) : new ReadOnlyMatrixSpan<float>(a, k, m);
            var right = tb == Transpose.None ? new ReadOnlyMatrixSpan<float>(b, k, n) : new ReadOnlyMatrixSpan<float>(b, n, k);
            Gemm.Multiply(ta, tb, alpha, left, right, beta, new MatrixSpan<float>(c, m, n), new GemmOptions { Kernel = kernel, Threads = 2 });
            return c.Select(BitConverter.SingleToInt32Bits).ToArray();
        }).ToArray();
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public void BetaZeroIgnoresNaNInC()
    {
        float[] a = [1, 2, 3, 4], b = [1, 0, 0, 1], c = [float.NaN, float.NaN, float.NaN, float.NaN];
        Gemm.Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(a, 2, 2), new ReadOnlyMatrixSpan<float>(b, 2, 2), 0f, new MatrixSpan<float>(c, 2, 2));
        Assert.Equal(a, c);
    }

    [Fact]
    public void WorksOnStridedSubmatrices()
    {
        var random = new Random(3);
        float[] big = RandomMatrix(random, 40 * 50), other = RandomMatrix(random, 30 * 30), output = new float[25 * 35];
        var a = new ReadOnlyMatrixSpan<float>(big, 40, 50).Slice(3, 5, 20, 17);      // 20×17, stride 50
        var b = new ReadOnlyMatrixSpan<float>(other, 30, 30).Slice(2, 1, 17, 22);    // 17×22, stride 30
        var c = new MatrixSpan<float>(output, 25, 35).Slice(4, 6, 20, 22);           // 20×22, stride 35
        Gemm.Multiply(Transpose.None, Transpose.None, 1f, a, b, 0f, c);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 22; j++)
            {
                double sum = 0;
                for (int p = 0; p < 17; p++) sum += (double)big[(3 + i) * 50 + 5 + p] * other[(2 + p) * 30 + 1 + j];
                Assert.Equal(sum, output[(4 + i) * 35 + 6 + j], 1e-4);
            }
        Assert.Equal(0, output[0]); // outside the view untouched
    }

    [Fact]
    public void AliasingAndShapeMismatchAreRejectedWithClearMessages()
    {
        var data = new float[16];
        var e1 = Assert.Throws<ArgumentException>(() => Gemm.Multiply(Transpose.None, Transpose.None, 1f,
            new ReadOnlyMatrixSpan<float>(data.AsSpan(0, 4), 2, 2), new ReadOnlyMatrixSpan<float>(new float[4], 2, 2), 0f, new MatrixSpan<float>(data.AsSpan(2, 4), 2, 2)));
        Assert.Contains("overlaps", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[6], new float[4], 2, 3, 3));
        Assert.Contains("elements", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Gemm.Multiply(Transpose.None, Transpose.None, 1f,
            new ReadOnlyMatrixSpan<float>(new float[6], 2, 3), new ReadOnlyMatrixSpan<float>(new float[8], 2, 4), 0f, new MatrixSpan<float>(new float[8], 2, 4)));
        Assert.Contains("inner dimensions", e3.Message);
        var shared = new double[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(Transpose.None, Transpose.None, 1.0,
            new ReadOnlyMatrixSpan<double>(shared, 2, 2), new ReadOnlyMatrixSpan<double>(new double[4], 2, 2), 0.0, new MatrixSpan<double>(shared, 2, 2)));
    }

    [Fact]
    public void DgemmMatchesItsDefinition()
    {
        var random = new Random(9);
        foreach (var (ta, tb) in new[] { (Transpose.None, Transpose.None), (Transpose.Transposed, Transpose.None), (Transpose.None, Transpose.Transposed), (Transpose.Transposed, Transpose.Transposed) })
        {
            int m = 13, n = 7, k = 9;
            double[] a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble()).ToArray();
            double[] b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble()).ToArray();
            double[] c = Enumerable.Range(0, m * n).Select(_ => random.NextDouble()).ToArray(), c0 = (double[])c.Clone();
            int aColumns = ta == Transpose.None ? k : m, bColumns = tb == Transpose.None ? n : k;
            Gemm.Multiply(ta, tb, 2.0, new ReadOnlyMatrixSpan<double>(a, a.Length / aColumns, aColumns), new ReadOnlyMatrixSpan<double>(b, b.Length / bColumns, bColumns), 0.5, new MatrixSpan<double>(c, m, n));
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++) sum += (ta == Transpose.None ? a[i * k + p] : a[p * m + i]) * (tb == Transpose.None ? b[p * n + j] : b[j * k + p]);
                    Assert.Equal(2 * sum + 0.5 * c0[i * n + j], c[i * n + j], 1e-12);
                }
        }
    }
}
