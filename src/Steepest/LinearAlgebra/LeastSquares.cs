namespace Steepest.LinearAlgebra;

/// <summary>Least squares through the SVD: the Moore–Penrose pseudo-inverse and the minimum-norm solution.</summary>
public static class LeastSquares
{
    /// <summary>
    /// A⁺ = V·Σ⁺·Uᵀ (n×m, row-major), inverting the singular values above the numerical-rank threshold
    /// max(m, n)·ε·σ₁ (or above <paramref name="tolerance"/>·σ₁ when given) and zeroing the rest.
    /// </summary>
    public static double[] PseudoInverse(ReadOnlySpan<double> a, int rows, int columns, double? tolerance = null)
    {
        var svd = SingularValueDecomposition.Compute(a, rows, columns);
        int k = svd.Rank;
        int rank = Rank(svd, tolerance);
        var result = new double[columns * rows];
        for (int r = 0; r < rank; r++)
        {
            double inverse = 1 / svd.S[r];
            for (int i = 0; i < columns; i++)
            {
                double vi = svd.V[i * k + r] * inverse;
                if (vi == 0) continue;
                for (int j = 0; j < rows; j++) result[i * rows + j] += vi * svd.U[j * k + r];
            }
        }
        return result;
    }

    /// <summary>
    /// x = A⁺·b: among all minimizers of ‖A·x − b‖₂ the one of least ‖x‖₂. For an underdetermined consistent
    /// system that is the solution in the row space of A, which gradient descent from 0 converges to.
    /// </summary>
    public static double[] MinimumNormSolution(ReadOnlySpan<double> a, int rows, int columns, ReadOnlySpan<double> b, double? tolerance = null)
    {
        if (b.Length != rows) throw new ArgumentException($"b has {b.Length} entries, A has {rows} rows");
        var svd = SingularValueDecomposition.Compute(a, rows, columns);
        int k = svd.Rank;
        int rank = Rank(svd, tolerance);
        var x = new double[columns];
        for (int r = 0; r < rank; r++)
        {
            double projection = 0;
            for (int j = 0; j < rows; j++) projection += svd.U[j * k + r] * b[j];
            projection /= svd.S[r];
            for (int i = 0; i < columns; i++) x[i] += svd.V[i * k + r] * projection;
        }
        return x;
    }

    private static int Rank(SingularValueDecomposition svd, double? tolerance)
    {
        if (tolerance is null) return svd.NumericalRank();
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be ≥ 0");
        if (svd.S.Length == 0 || svd.S[0] == 0) return 0;
        return svd.S.Count(s => s > tolerance.Value * svd.S[0]);
    }
}
