using System.Numerics.Tensors;

namespace Steepest.LinearAlgebra;

/// <summary>General matrix multiply on row-major views: C ← α·op(A)·op(B) + β·C.</summary>
public static class Gemm
{
    /// <summary>
    /// SGEMM: C ← α·op(A)·op(B) + β·C, packed and cache-blocked with a register-blocked FMA micro-kernel.
    /// β = 0 overwrites C without reading it (NaN in C does not leak through). C must not overlap A or B.
    /// </summary>
    public static void Multiply(Transpose transposeA, Transpose transposeB, float alpha, ReadOnlyMatrixSpan<float> a,
        ReadOnlyMatrixSpan<float> b, float beta, MatrixSpan<float> c, GemmOptions? options = null) =>
        Multiply(transposeA, transposeB, alpha, a, b, beta, c, options, upper: false);

    /// <summary>As the public SGEMM; with <paramref name="upper"/> only C's tiles on or above the diagonal are multiplied (the rest keeps β·C).</summary>
    internal static void Multiply(Transpose transposeA, Transpose transposeB, float alpha, ReadOnlyMatrixSpan<float> a,
        ReadOnlyMatrixSpan<float> b, float beta, MatrixSpan<float> c, GemmOptions? options, bool upper)
    {
        int k = Validate(transposeA, transposeB, a.Rows, a.Columns, b.Rows, b.Columns, c.Rows, c.Columns);
        if (c.Data.Overlaps(a.Data) || c.Data.Overlaps(b.Data))
            throw new ArgumentException("GEMM output C overlaps input A or B; use separate storage for C");
        int m = c.Rows, n = c.Columns;
        if (m == 0 || n == 0) return;
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Row(i);
            if (beta == 0) row.Clear();
            else if (beta != 1) TensorPrimitives.Multiply(row, beta, row);
        }
        if (k == 0 || alpha == 0) return;
        SgemmDriver.Run(m, n, k, alpha, a.Data, a.Stride, transposeA == Transpose.Transposed,
            b.Data, b.Stride, transposeB == Transpose.Transposed, c.Data, c.Stride, options ?? GemmOptions.Default, upper);
    }

    /// <summary>C ← A·B for dense row-major A (m×k), B (k×n), C (m×n).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, GemmOptions? options = null) =>
        Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(a, m, k), new ReadOnlyMatrixSpan<float>(b, k, n), 0f,
            new MatrixSpan<float>(c, m, n), options);

    /// <summary>
    /// DGEMM: C ← α·op(A)·op(B) + β·C in double precision, by row updates C[i,:] += α·op(A)[i,p]·op(B)[p,:]
    /// (op(B) is first copied row-major when transposed). Simpler than SGEMM: it serves accuracy, not peak speed.
    /// </summary>
    public static void Multiply(Transpose transposeA, Transpose transposeB, double alpha, ReadOnlyMatrixSpan<double> a,
        ReadOnlyMatrixSpan<double> b, double beta, MatrixSpan<double> c)
    {
        int k = Validate(transposeA, transposeB, a.Rows, a.Columns, b.Rows, b.Columns, c.Rows, c.Columns);
        if (c.Data.Overlaps(a.Data) || c.Data.Overlaps(b.Data))
            throw new ArgumentException("GEMM output C overlaps input A or B; use separate storage for C");
        int m = c.Rows, n = c.Columns;
        for (int i = 0; i < m; i++)
        {
            Span<double> row = c.Row(i);
            if (beta == 0) row.Clear();
            else if (beta != 1) TensorPrimitives.Multiply(row, beta, row);
        }
        if (m == 0 || n == 0 || k == 0 || alpha == 0) return;

        double[]? transposedB = null;
        if (transposeB == Transpose.Transposed)
        {
            transposedB = new double[k * n];
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++) transposedB[p * n + j] = b[j, p];
        }
        for (int i = 0; i < m; i++)
        {
            Span<double> row = c.Row(i);
            for (int p = 0; p < k; p++)
            {
                double factor = alpha * (transposeA == Transpose.None ? a[i, p] : a[p, i]);
                if (factor == 0) continue;
                ReadOnlySpan<double> source = transposedB is null ? b.Row(p) : transposedB.AsSpan(p * n, n);
                TensorPrimitives.MultiplyAdd(source, factor, row, row);
            }
        }
    }

    /// <summary>C ← A·B for dense row-major double matrices.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        Multiply(Transpose.None, Transpose.None, 1.0, new ReadOnlyMatrixSpan<double>(a, m, k), new ReadOnlyMatrixSpan<double>(b, k, n), 0.0,
            new MatrixSpan<double>(c, m, n));

    /// <summary>Checks op(A) is m×k and op(B) is k×n for C m×n; returns k.</summary>
    private static int Validate(Transpose ta, Transpose tb, int aRows, int aColumns, int bRows, int bColumns, int m, int n)
    {
        int am = ta == Transpose.None ? aRows : aColumns, ak = ta == Transpose.None ? aColumns : aRows;
        int bk = tb == Transpose.None ? bRows : bColumns, bn = tb == Transpose.None ? bColumns : bRows;
        if (am != m) throw new ArgumentException($"op(A) has {am} rows but C has {m}");
        if (bn != n) throw new ArgumentException($"op(B) has {bn} columns but C has {n}");
        if (ak != bk) throw new ArgumentException($"inner dimensions differ: op(A) is {am}×{ak}, op(B) is {bk}×{bn}");
        return ak;
    }
}
