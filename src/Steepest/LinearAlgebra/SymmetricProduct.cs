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
        // Mirror the upper triangle into the lower one (inside the diagonal tiles too, which SGEMM computed in full).
        for (int i = 1; i < r; i++)
        {
            var row = c.Row(i);
            for (int j = 0; j < i; j++) row[j] = c[j, i];
        }
    }
}
