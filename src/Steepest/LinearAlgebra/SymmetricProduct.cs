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
    public static void Multiply(float alpha, ReadOnlyMatrixSpan<float> x, float beta, MatrixSpan<float> c, GemmOptions? options = null)
    {
        int r = x.Rows;
        if (c.Rows != r || c.Columns != r) throw new ArgumentException($"C must be {r}×{r}, got {c.Rows}×{c.Columns}");
        Gemm.Multiply(Transpose.None, Transpose.Transposed, alpha, x, x, beta, c, options, upper: true);
        Mirror(c);
    }

    /// <summary>Side of the square tiles the mirror copies through: two 32×32 float tiles stay in L1.</summary>
    private const int Tile = 32;

    /// <summary>
    /// Copies the upper triangle into the lower one (inside the diagonal tiles too, which SGEMM computed in full), tile by
    /// tile: reading a column of the upper triangle element by element strides a whole row per read, which at 512² cost
    /// as much as a tenth of an orthogonalization.
    /// </summary>
    private static void Mirror(MatrixSpan<float> c)
    {
        // Raw offsets: the checked indexer costs more than the copy itself (9 ns an element at 512²).
        int r = c.Rows, stride = c.Stride;
        Span<float> data = c.Data;
        for (int ti = 0; ti < r; ti += Tile)
            for (int tj = 0; tj <= ti; tj += Tile)
            {
                int iEnd = Math.Min(ti + Tile, r), jEnd = Math.Min(tj + Tile, r);
                for (int i = ti; i < iEnd; i++)
                {
                    Span<float> row = data.Slice(i * stride, i);
                    int end = Math.Min(jEnd, i);
                    for (int j = tj; j < end; j++) row[j] = data[j * stride + i];
                }
            }
    }
}
