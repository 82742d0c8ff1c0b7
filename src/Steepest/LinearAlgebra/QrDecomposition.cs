namespace Steepest.LinearAlgebra;

/// <summary>
/// A = Q·R for an m×n matrix with m ≥ n, by Householder reflections: Q is m×n with orthonormal columns,
/// R is n×n upper triangular. Solves full-rank least squares min ‖A·x − b‖₂ as R·x = Qᵀ·b.
/// </summary>
public sealed class QrDecomposition
{
    private readonly double[] factors;   // m×n: R on and above the diagonal, Householder vectors below
    private readonly double[] diagonal;  // R's diagonal
    private readonly double[] betas;     // reflection k is H_k = I − β_k·v_k·v_kᵀ

    private QrDecomposition(int rows, int columns, double[] factors, double[] diagonal, double[] betas)
    {
        Rows = rows;
        Columns = columns;
        this.factors = factors;
        this.diagonal = diagonal;
        this.betas = betas;
    }

    /// <summary>m.</summary>
    public int Rows { get; }

    /// <summary>n.</summary>
    public int Columns { get; }

    /// <summary>Factors the row-major m×n matrix <paramref name="a"/> (m ≥ n).</summary>
    public static QrDecomposition Compute(ReadOnlySpan<double> a, int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentException($"shape must be positive, got {rows}×{columns}");
        if (rows < columns) throw new ArgumentException($"QR needs rows ≥ columns, got {rows}×{columns}; factor the transpose instead");
        if (a.Length != rows * columns) throw new ArgumentException($"matrix has {a.Length} elements, expected {rows}×{columns}");
        var f = a.ToArray();
        var diagonal = new double[columns];
        var betas = new double[columns];
        for (int k = 0; k < columns; k++)
        {
            double norm = 0;
            for (int i = k; i < rows; i++) norm = double.Hypot(norm, f[i * columns + k]);
            if (norm == 0) { diagonal[k] = 0; betas[k] = 0; continue; }
            // v = x + sign(x₀)·‖x‖·e₁ avoids cancellation; then H·x = −sign(x₀)·‖x‖·e₁.
            double alpha = f[k * columns + k] >= 0 ? -norm : norm;
            f[k * columns + k] -= alpha;
            double vv = 0;
            for (int i = k; i < rows; i++) vv += f[i * columns + k] * f[i * columns + k];
            double beta = 2 / vv;
            for (int j = k + 1; j < columns; j++)
            {
                double dot = 0;
                for (int i = k; i < rows; i++) dot += f[i * columns + k] * f[i * columns + j];
                dot *= beta;
                for (int i = k; i < rows; i++) f[i * columns + j] -= dot * f[i * columns + k];
            }
            diagonal[k] = alpha;
            betas[k] = beta;
        }
        return new QrDecomposition(rows, columns, f, diagonal, betas);
    }

    /// <summary>R, n×n upper triangular, row-major.</summary>
    public double[] R()
    {
        int n = Columns;
        var r = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            r[i * n + i] = diagonal[i];
            for (int j = i + 1; j < n; j++) r[i * n + j] = factors[i * n + j];
        }
        return r;
    }

    /// <summary>Q, m×n with orthonormal columns, row-major.</summary>
    public double[] Q()
    {
        int m = Rows, n = Columns;
        var q = new double[m * n];
        for (int j = 0; j < n; j++)
        {
            var column = new double[m];
            column[j] = 1;
            for (int k = n - 1; k >= 0; k--) Reflect(k, column);
            for (int i = 0; i < m; i++) q[i * n + j] = column[i];
        }
        return q;
    }

    /// <summary>True when |R_kk| &gt; n·ε·max|R_jj| for every k.</summary>
    public bool IsFullRank
    {
        get
        {
            double largest = diagonal.Max(Math.Abs);
            return largest > 0 && diagonal.All(value => Math.Abs(value) > Columns * 2.220446049250313e-16 * largest);
        }
    }

    /// <summary>x = argmin ‖A·x − b‖₂ for full column rank A.</summary>
    public double[] SolveLeastSquares(ReadOnlySpan<double> b)
    {
        if (b.Length != Rows) throw new ArgumentException($"b has {b.Length} entries, A has {Rows} rows");
        if (!IsFullRank) throw new InvalidOperationException("A is rank deficient; use LeastSquares.MinimumNormSolution");
        var y = b.ToArray();
        for (int k = 0; k < Columns; k++) Reflect(k, y);
        var x = new double[Columns];
        for (int i = Columns - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int j = i + 1; j < Columns; j++) sum -= factors[i * Columns + j] * x[j];
            x[i] = sum / diagonal[i];
        }
        return x;
    }

    /// <summary>y ← H_k·y.</summary>
    private void Reflect(int k, double[] y)
    {
        if (betas[k] == 0) return;
        double dot = 0;
        for (int i = k; i < Rows; i++) dot += factors[i * Columns + k] * y[i];
        dot *= betas[k];
        for (int i = k; i < Rows; i++) y[i] -= dot * factors[i * Columns + k];
    }
}
