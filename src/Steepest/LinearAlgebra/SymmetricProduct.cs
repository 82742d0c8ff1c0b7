namespace Steepest.LinearAlgebra;

/// <summary>
/// C ← α·X·Xᵀ + β·C for X r×k, where C is symmetric (so, with β ≠ 0, the C given must be symmetric too): only the
/// blocks on and above the diagonal are multiplied, each by one SGEMM, and the rest is mirrored. With 4 row blocks
/// that is 10 of 16 block products. Newton–Schulz uses it for A = X·Xᵀ and for A·A = A·Aᵀ.
/// </summary>
/// <remarks>
/// The result is exactly symmetric. The full SGEMM's two triangles can differ in the last bit (its edge tiles sum in
/// another order), so the two agree to rounding, not bit for bit.
/// </remarks>
public static class SymmetricProduct
{
    /// <summary>Rows per block are a multiple of this, so blocks start on the micro-kernels' row and column tiles (6, 16; 12, 32) and stay large enough to run at full speed.</summary>
    private const int Alignment = 96;

    /// <summary>C = α·X·Xᵀ + β·C.</summary>
    public static void Multiply(float alpha, ReadOnlyMatrixSpan<float> x, float beta, MatrixSpan<float> c, GemmOptions? options = null)
    {
        int r = x.Rows;
        if (c.Rows != r || c.Columns != r) throw new ArgumentException($"C must be {r}×{r}, got {c.Rows}×{c.Columns}");
        int blocks = Math.Max(1, Math.Min(4, r / (2 * Alignment)));
        int size = blocks == 1 ? r : (r / blocks + Alignment - 1) / Alignment * Alignment;
        for (int i = 0; i < r; i += size)
        {
            int rows = Math.Min(size, r - i);
            for (int j = i; j < r; j += size)
            {
                int columns = Math.Min(size, r - j);
                Gemm.Multiply(Transpose.None, Transpose.Transposed, alpha, x.Slice(i, 0, rows, x.Columns), x.Slice(j, 0, columns, x.Columns), beta,
                    c.Slice(i, j, rows, columns), options);
            }
        }
        Mirror(c);
    }

    /// <summary>C = α·X·Xᵀ + β·C through one SGEMM that skips the tiles below the diagonal.</summary>
    internal static void MultiplyTriangle(float alpha, ReadOnlyMatrixSpan<float> x, float beta, MatrixSpan<float> c, GemmOptions? options = null)
    {
        int r = x.Rows;
        if (c.Rows != r || c.Columns != r) throw new ArgumentException($"C must be {r}×{r}, got {c.Rows}×{c.Columns}");
        Gemm.Multiply(Transpose.None, Transpose.Transposed, alpha, x, x, beta, c, options, upper: true);
        Mirror(c);
    }

    private static void Mirror(MatrixSpan<float> c)
    {
        int r = c.Rows;
        // Mirror the upper triangle into the lower one (inside the diagonal blocks too, which SGEMM computed in full).
        for (int i = 1; i < r; i++)
        {
            var row = c.Row(i);
            for (int j = 0; j < i; j++) row[j] = c[j, i];
        }
    }
}
