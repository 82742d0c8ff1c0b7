using System.Numerics.Tensors;

namespace Steepest.LinearAlgebra;

/// <summary>
/// C ← α·X·Xᵀ + β·C for X r×k, where C is symmetric (so, with β ≠ 0, the C given must be symmetric too): one SGEMM
/// that multiplies only the micro-tiles on and above the diagonal (skipping those wholly below it, with the threads'
/// bands cut to equal shares of the triangle), then the upper triangle is mirrored. Newton–Schulz uses it for
/// A = X·Xᵀ and for A·A = A·Aᵀ.
/// </summary>
/// <remarks>
/// The result is exactly symmetric. Each upper element is summed as the full SGEMM sums it; the full SGEMM's lower
/// triangle can differ from its upper one in the last bit, so the two products agree to rounding, not bit for bit.
/// </remarks>
public static class SymmetricProduct
{
    /// <summary>C = α·X·Xᵀ + β·C.</summary>
    public static void Multiply(float alpha, ReadOnlyMatrixSpan<float> x, float beta, MatrixSpan<float> c, GemmOptions? options = null) =>
        Multiply(alpha, x, beta, c, options, diagonalShift: 0f, copy: null, copyScale: 0f);

    /// <summary>
    /// C = α·X·Xᵀ + β·C + shift·I, and, when <paramref name="copy"/> is given, copy = copyScale·C: the shift and the
    /// scaled copy ride on the mirror's pass over C, so Newton–Schulz needs no separate elementwise passes over r².
    /// </summary>
    internal static void Multiply(float alpha, ReadOnlyMatrixSpan<float> x, float beta, MatrixSpan<float> c, GemmOptions? options,
        float diagonalShift, float[]? copy, float copyScale)
    {
        int r = x.Rows;
        if (c.Rows != r || c.Columns != r) throw new ArgumentException($"C must be {r}×{r}, got {c.Rows}×{c.Columns}");
        if (copy is not null && (copy.Length < (long)r * r || c.Data.Overlaps(copy))) throw new ArgumentException($"the copy must hold {r}×{r} values apart from C");
        Gemm.Multiply(Transpose.None, Transpose.Transposed, alpha, x, x, beta, c, options, upper: true);
        Mirror(c, options ?? GemmOptions.Default, diagonalShift, copy, copyScale);
    }

    /// <summary>Side of the square tiles the mirror copies through: two 32×32 float tiles stay in L1.</summary>
    private const int Tile = 32;

    /// <summary>Below this many mirrored values, one thread copies them sooner than a fork and join would.</summary>
    private const long MinimumParallelMirror = 1 << 15;

    /// <summary>
    /// Copies the upper triangle into the lower one (inside the diagonal tiles too, which SGEMM computed in full), tile by
    /// tile and by raw offsets: the checked indexer, reading a column element by element, cost 9 ns a value, a third of a
    /// 512² symmetric product. The threads take bands of rows with equal shares of the triangle; each writes only its
    /// own rows' lower part and reads only the upper triangle, which nobody writes.
    /// </summary>
    private static unsafe void Mirror(MatrixSpan<float> c, GemmOptions options, float diagonalShift, float[]? copy, float copyScale)
    {
        int r = c.Rows;
        int threads = options.Threads > 0 ? options.Threads : Threading.WorkerTeam.AvailableThreads;
        int parts = (int)Math.Clamp((long)r * r / 2 / MinimumParallelMirror, 1, threads);
        // One job per calling thread, reused: a training step allocates nothing.
        var job = mirrorJob ??= new MirrorJob();
        fixed (float* data = c.Data, target = copy)
        {
            job.Data = data;
            job.Copy = target;
            (job.Stride, job.Rows, job.Parts, job.Shift, job.Scale) = (c.Stride, r, parts, diagonalShift, copyScale);
            try { Threading.WorkerTeam.Run(parts, job); }
            finally
            {
                job.Data = null;
                job.Copy = null;
            }
        }
    }

    [ThreadStatic] private static MirrorJob? mirrorJob;

    private sealed unsafe class MirrorJob : Threading.IWorkerJob
    {
        public float* Data, Copy;
        public int Stride, Rows, Parts;
        public float Shift, Scale;

        /// <summary>Row i has i values to mirror, so t/parts of the work lies above row √(t/parts)·rows.</summary>
        private int Boundary(int t) => t >= Parts ? Rows : (int)Math.Round(Rows * Math.Sqrt((double)t / Parts));

        public void Execute(int part)
        {
            float* data = Data;
            int stride = Stride, rows = Rows;
            int first = Boundary(part), last = Boundary(part + 1);
            for (int ti = first; ti < last; ti += Tile)
            {
                int iEnd = Math.Min(ti + Tile, last);
                for (int tj = 0; tj < iEnd; tj += Tile)
                {
                    int jEnd = Math.Min(tj + Tile, rows);
                    for (int i = ti; i < iEnd; i++)
                    {
                        float* row = data + (long)i * stride;
                        int end = Math.Min(jEnd, i);
                        for (int j = tj; j < end; j++) row[j] = data[(long)j * stride + i];
                    }
                }
                // Rows ti..iEnd are now whole: shift their diagonal, then copy them while they are still in cache.
                for (int i = ti; i < iEnd; i++)
                {
                    float* row = data + (long)i * stride;
                    if (Shift != 0) row[i] += Shift;
                    if (Copy is not null)
                        TensorPrimitives.Multiply(new ReadOnlySpan<float>(row, rows), Scale, new Span<float>(Copy + (long)i * rows, rows));
                }
            }
        }
    }
}
