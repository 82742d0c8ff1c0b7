using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class SymmetricProductTests
{
    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
    }

    [Theory]
    [InlineData(20, 40)]
    [InlineData(37, 23)]
    [InlineData(64, 130)]
    public void NewtonSchulzGivesTheSameBitsAtEveryKernelWidth(int rows, int columns)
    {
        // Its A·A has α = c and β = 1, so C is already non-zero where the kernels' edge tiles fold their sums in:
        // Muon's update on an AVX2 machine must equal the update on an AVX-512 one.
        var g = Random(rows * columns, rows + columns);
        var results = ((GemmKernel[])[GemmKernel.Vector512, GemmKernel.Vector256]).Select(kernel =>
        {
            var x = new float[rows * columns];
            NewtonSchulz.Orthogonalize(g, rows, columns, x, options: new GemmOptions { Kernel = kernel });
            return x.Select(BitConverter.SingleToInt32Bits).ToArray();
        }).ToArray();
        Assert.Equal(results[0], results[1]);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(191, 40)]
    [InlineData(192, 7)]
    [InlineData(385, 300)]
    [InlineData(700, 129)]
    [InlineData(1024, 64)]
    public void IsExactlySymmetricAndAgreesWithTheFullProduct(int r, int k)
    {
        var x = Random(r * k, r);
        // A symmetric C, so that β·C + α·X·Xᵀ stays symmetric.
        var c = new float[r * r];
        var noise = Random(r * r, k);
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++) c[i * r + j] = noise[Math.Min(i, j) * r + Math.Max(i, j)];
        var full = (float[])c.Clone();
        var xs = new ReadOnlyMatrixSpan<float>(x, r, k);
        Gemm.Multiply(Transpose.None, Transpose.Transposed, 0.7f, xs, xs, 1.5f, new MatrixSpan<float>(full, r, r));
        SymmetricProduct.Multiply(0.7f, xs, 1.5f, new MatrixSpan<float>(c, r, r));
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++)
            {
                Assert.Equal(c[j * r + i], c[i * r + j]);
                Assert.Equal(full[i * r + j], c[i * r + j], 2e-6 * (1 + Math.Abs(full[i * r + j])) * Math.Sqrt(k));
            }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 2)]
    public void TheUpperTriangleIsTheFullSgemmsBitForBitOnAnyThreadCountAndShape(int cases, int threads)
    {
        // The skipped tiles and the bands cut to equal shares of the triangle: a wrongly skipped tile would leave β·C.
        var random = new Random(cases * 31 + threads);
        for (int t = 0; t < cases; t++)
        {
            int r = random.Next(1, 700), k = random.Next(1, 500);
            var x = Random(r * k, t);
            var full = new float[r * r];
            var c = Enumerable.Repeat(0.25f, r * r).ToArray();
            var xs = new ReadOnlyMatrixSpan<float>(x, r, k);
            // Every micro-kernel this CPU runs natively: their tiles (4×4, 6×16, 12×32) meet the diagonal differently.
            var kernel = (t % 3) switch
            {
                0 => GemmKernel.Scalar,
                1 when System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated => GemmKernel.Vector256,
                2 when System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated => GemmKernel.Vector512,
                _ => GemmKernel.Auto,
            };
            var options = new GemmOptions { Threads = threads, Kernel = kernel };
            Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, xs, xs, 0f, new MatrixSpan<float>(full, r, r), options);
            SymmetricProduct.Multiply(1f, xs, 0f, new MatrixSpan<float>(c, r, r), options);
            for (int i = 0; i < r; i++)
                for (int j = i; j < r; j++)
                    Assert.True(BitConverter.SingleToInt32Bits(full[i * r + j]) == BitConverter.SingleToInt32Bits(c[i * r + j]), $"{r}×{k}, {threads} threads: ({i}, {j})");
        }
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(37, 5, 1)]
    [InlineData(130, 64, 2)]
    [InlineData(515, 200, 2)]
    public void TheDiagonalShiftAndTheScaledCopyRidingOnTheMirrorEqualThemDoneAfterIt(int r, int k, int threads)
    {
        // Newton–Schulz folds b·A and a·I into the mirror's pass: the same operations on the same values, so bit for bit.
        var x = Random(r * k, r + k);
        var xs = new ReadOnlyMatrixSpan<float>(x, r, k);
        var options = new GemmOptions { Threads = threads };
        var c = Random(r * r, 3);
        for (int i = 0; i < r; i++)
            for (int j = 0; j < i; j++) c[i * r + j] = c[j * r + i];
        var reference = (float[])c.Clone();
        SymmetricProduct.Multiply(0.5f, xs, 1f, new MatrixSpan<float>(reference, r, r), options);
        for (int i = 0; i < r; i++) reference[i * r + i] += 3.25f;
        var scaled = reference.Select(v => v * -1.75f).ToArray();

        var copy = new float[r * r];
        SymmetricProduct.Multiply(0.5f, xs, 1f, new MatrixSpan<float>(c, r, r), options, diagonalShift: 3.25f, copy: copy, copyScale: -1.75f);
        Assert.Equal(reference.Select(BitConverter.SingleToInt32Bits), c.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(scaled.Select(BitConverter.SingleToInt32Bits), copy.Select(BitConverter.SingleToInt32Bits));
        Assert.Throws<ArgumentException>(() => SymmetricProduct.Multiply(1f, new ReadOnlyMatrixSpan<float>(x, r, k), 0f, new MatrixSpan<float>(c, r, r), options, 0f, new float[r * r - 1], 1f));
    }

    [Fact]
    public void NewtonSchulzOnSymmetricProductsAgreesWithItOnFullOnes()
    {
        foreach (var (rows, columns) in new[] { (512, 512), (300, 784), (1024, 900) })
        {
            var g = Random(rows * columns, rows + columns);
            var fast = new float[g.Length];
            NewtonSchulz.Orthogonalize(g, rows, columns, fast);
            var reference = FullProducts(g, rows, columns);
            double difference = Math.Sqrt(reference.Zip(fast, (a, b) => (double)(a - b) * (a - b)).Sum() / reference.Sum(a => (double)a * a));
            Assert.InRange(difference, 0, 1e-5);
        }
    }

    /// <summary>The iteration written with general SGEMMs only, as it was before the symmetric products (an independent reference).</summary>
    private static float[] FullProducts(float[] g, int rows, int columns)
    {
        var (a, b, c) = NewtonSchulz.QuinticCoefficients;
        bool transposed = rows > columns;
        int r = Math.Min(rows, columns), k = Math.Max(rows, columns);
        var x = new float[r * k];
        if (transposed)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) x[j * k + i] = g[i * columns + j];
        else g.CopyTo(x, 0);
        double squares = 0;
        foreach (float v in x) squares += (double)v * v;
        System.Numerics.Tensors.TensorPrimitives.Multiply(x, (float)(1 / (Math.Sqrt(squares) + 1e-7)), x);
        var y = new float[r * k];
        var gram = new float[r * r];
        var polynomial = new float[r * r];
        for (int step = 0; step < 5; step++)
        {
            var xs = new ReadOnlyMatrixSpan<float>(x, r, k);
            Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, xs, xs, 0f, new MatrixSpan<float>(gram, r, r));
            System.Numerics.Tensors.TensorPrimitives.Multiply(gram, b, polynomial);
            Gemm.Multiply(Transpose.None, Transpose.None, c, new ReadOnlyMatrixSpan<float>(gram, r, r), new ReadOnlyMatrixSpan<float>(gram, r, r), 1f,
                new MatrixSpan<float>(polynomial, r, r));
            System.Numerics.Tensors.TensorPrimitives.Multiply(x, a, y);
            Gemm.Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(polynomial, r, r), xs, 1f, new MatrixSpan<float>(y, r, k));
            (x, y) = (y, x);
        }
        var result = new float[rows * columns];
        if (transposed)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) result[i * columns + j] = x[j * k + i];
        else x.CopyTo(result, 0);
        return result;
    }
}
