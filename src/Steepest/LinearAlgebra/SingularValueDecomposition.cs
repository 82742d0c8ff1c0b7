using System.Numerics.Tensors;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Thin singular value decomposition A = U·diag(S)·Vᵀ of a row-major m×n matrix, with k = min(m, n):
/// U is m×k and V is n×k (both row-major, orthonormal columns), S is descending and non-negative.
/// </summary>
/// <remarks>
/// Computed by one-sided (Hestenes) Jacobi in double precision, which is accurate to a few ulps
/// relative to each singular value, not only to the largest one. Columns of U that belong to zero
/// singular values are completed to an orthonormal set, so U is orthonormal even for rank-deficient input.
/// </remarks>
public sealed class SingularValueDecomposition
{
    /// <summary>Number of rows m of the decomposed matrix.</summary>
    public int Rows { get; }

    /// <summary>Number of columns n of the decomposed matrix.</summary>
    public int Columns { get; }

    /// <summary>k = min(m, n), the number of singular triplets.</summary>
    public int Rank => S.Length;

    /// <summary>Left singular vectors, m×k row-major: U[i, j] = U[i·k + j].</summary>
    public double[] U { get; }

    /// <summary>Singular values σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0.</summary>
    public double[] S { get; }

    /// <summary>Right singular vectors, n×k row-major: V[i, j] = V[i·k + j].</summary>
    public double[] V { get; }

    /// <summary>Unit roundoff of double, 2⁻⁵².</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    private SingularValueDecomposition(int rows, int columns, double[] u, double[] s, double[] v)
    {
        Rows = rows;
        Columns = columns;
        U = u;
        S = s;
        V = v;
    }

    /// <summary>Numerical rank: the number of σ_i &gt; max(m, n)·ε·σ₁ (the usual LAPACK/NumPy threshold).</summary>
    public int NumericalRank()
    {
        if (S.Length == 0 || S[0] == 0) return 0;
        double threshold = Math.Max(Rows, Columns) * MachineEpsilon * S[0];
        int r = 0;
        while (r < S.Length && S[r] > threshold) r++;
        return r;
    }

    /// <summary>Decomposes the row-major <paramref name="rows"/>×<paramref name="columns"/> matrix <paramref name="a"/>.</summary>
    public static SingularValueDecomposition Compute(ReadOnlySpan<double> a, int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentException($"matrix shape must be positive, got {rows}×{columns}");
        if (a.Length != rows * columns) throw new ArgumentException($"matrix has {a.Length} elements, expected {rows}×{columns} = {rows * columns}");
        foreach (double value in a)
            if (!double.IsFinite(value)) throw new ArgumentException("matrix contains NaN or infinity");

        // Jacobi orthogonalizes columns, so work on the orientation with more rows than columns.
        bool transposed = rows < columns;
        int m = transposed ? columns : rows;
        int n = transposed ? rows : columns;

        // Scale to max |aᵢⱼ| = 1 first: Jacobi works with squared column norms, which would underflow or overflow.
        double scale = 0;
        foreach (double value in a) scale = Math.Max(scale, Math.Abs(value));
        if (scale == 0) scale = 1;

        // Column-major copy: column j occupies work[j·m .. j·m + m).
        var work = new double[m * n];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double value = a[i * columns + j] / scale;
                if (transposed) work[i * m + j] = value; // column i of Aᵀ is row i of A
                else work[j * m + i] = value;
            }

        var rotations = new double[n * n]; // column-major V, starts as identity
        for (int j = 0; j < n; j++) rotations[j * n + j] = 1;

        OrthogonalizeColumns(work, m, n, rotations);

        var sigma = new double[n];
        for (int j = 0; j < n; j++) sigma[j] = Math.Sqrt(OrderedSums.Dot(Column(work, m, j), Column(work, m, j)));

        var order = Enumerable.Range(0, n).OrderByDescending(j => sigma[j]).ThenBy(j => j).ToArray();
        var s = new double[n];
        var left = new double[m * n];   // column-major m×n
        var right = new double[n * n];  // column-major n×n
        double tiny = sigma.Max() * m * MachineEpsilon;
        var hasLeft = new bool[n];
        for (int r = 0; r < n; r++)
        {
            int j = order[r];
            s[r] = sigma[j] * scale;
            Column(rotations, n, j).CopyTo(right.AsSpan(r * n, n));
            if (sigma[j] > tiny && sigma[j] > 0)
            {
                TensorPrimitives.Divide(Column(work, m, j), sigma[j], left.AsSpan(r * m, m));
                hasLeft[r] = true;
            }
        }
        CompleteOrthonormalColumns(left, m, n, hasLeft);

        // Back to the caller's orientation and to row-major storage.
        var u = new double[rows * n];
        var v = new double[columns * n];
        double[] uSource = transposed ? right : left;
        double[] vSource = transposed ? left : right;
        int uLength = transposed ? n : m;
        int vLength = transposed ? m : n;
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < rows; i++) u[i * n + r] = uSource[r * uLength + i];
            for (int i = 0; i < columns; i++) v[i * n + r] = vSource[r * vLength + i];
        }
        return new SingularValueDecomposition(rows, columns, u, s, v);
    }

    /// <summary>Decomposes a float matrix; the work is done in double, so the factors are accurate to float precision and better.</summary>
    public static SingularValueDecomposition Compute(ReadOnlySpan<float> a, int rows, int columns)
    {
        var copy = new double[a.Length];
        for (int i = 0; i < a.Length; i++) copy[i] = a[i];
        return Compute(copy, rows, columns);
    }

    /// <summary>Reconstructs U·diag(S)·Vᵀ as a row-major m×n matrix.</summary>
    public double[] Reconstruct()
    {
        int k = Rank;
        var a = new double[Rows * Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double sum = 0;
                for (int r = 0; r < k; r++) sum += U[i * k + r] * S[r] * V[j * k + r];
                a[i * Columns + j] = sum;
            }
        return a;
    }

    private static Span<double> Column(double[] matrix, int length, int j) => matrix.AsSpan(j * length, length);

    /// <summary>
    /// Cyclic one-sided Jacobi: rotate column pairs until every pair is orthogonal to working precision. Squared column
    /// norms are cached and updated by the exact rotation identities (α' = α − tγ, β' = β + tγ), so each pair costs one
    /// dot product; they are recomputed at every sweep so rounding cannot drift.
    /// </summary>
    private static void OrthogonalizeColumns(double[] work, int m, int n, double[] rotations)
    {
        const int maxSweeps = 60;
        var norms = new double[n];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            for (int j = 0; j < n; j++) norms[j] = OrderedSums.Dot(Column(work, m, j), Column(work, m, j));
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double alpha = norms[p], beta = norms[q];
                    if (alpha == 0 || beta == 0) continue;
                    Span<double> cp = Column(work, m, p), cq = Column(work, m, q);
                    double gamma = OrderedSums.Dot(cp, cq);
                    if (Math.Abs(gamma) <= MachineEpsilon * Math.Sqrt(alpha * beta)) continue;
                    rotated = true;
                    // Rotation that zeroes the off-diagonal entry of the 2×2 Gram matrix [[α, γ], [γ, β]].
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t);
                    double sn = c * t;
                    Rotate(cp, cq, c, sn);
                    Rotate(Column(rotations, n, p), Column(rotations, n, q), c, sn);
                    norms[p] = alpha - t * gamma;
                    norms[q] = beta + t * gamma;
                }
            if (!rotated) return;
        }
    }

    /// <summary>(x, y) ← (c·x − s·y, s·x + c·y), vectorized.</summary>
    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var vc = new System.Numerics.Vector<double>(c);
            var vs = new System.Numerics.Vector<double>(s);
            int width = System.Numerics.Vector<double>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var xi = new System.Numerics.Vector<double>(x[i..]);
                var yi = new System.Numerics.Vector<double>(y[i..]);
                (vc * xi - vs * yi).CopyTo(x[i..]);
                (vs * xi + vc * yi).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    /// <summary>Fills the columns marked missing with unit vectors orthogonal to all others (modified Gram–Schmidt, twice).</summary>
    private static void CompleteOrthonormalColumns(double[] columns, int m, int n, bool[] present)
    {
        int candidate = 0;
        for (int r = 0; r < n; r++)
        {
            if (present[r]) continue;
            Span<double> target = Column(columns, m, r);
            while (true)
            {
                if (candidate >= m) throw new InvalidOperationException("could not complete an orthonormal basis");
                target.Clear();
                target[candidate++] = 1;
                for (int pass = 0; pass < 2; pass++)
                    for (int other = 0; other < n; other++)
                    {
                        if (other == r || !present[other]) continue;
                        Span<double> o = Column(columns, m, other);
                        double projection = OrderedSums.Dot(o, target);
                        TensorPrimitives.MultiplyAdd<double>(o, -projection, target, target);
                    }
                double norm = Math.Sqrt(OrderedSums.Dot(target, target));
                if (norm > 1e-6)
                {
                    TensorPrimitives.Divide(target, norm, target);
                    present[r] = true;
                    break;
                }
            }
        }
    }
}
