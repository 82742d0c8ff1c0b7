namespace Steepest.LinearAlgebra;

/// <summary>
/// A = V·diag(λ)·Vᵀ for a symmetric n×n matrix: eigenvalues ascending, eigenvectors as the orthonormal columns of V
/// (row-major, V[i·n + j] is component i of eigenvector j).
/// </summary>
/// <remarks>Householder reduction to tridiagonal form, then the implicit QL iteration with Wilkinson-type shifts,
/// accumulating every transformation into V; double precision throughout.</remarks>
public sealed class SymmetricEigenDecomposition
{
    private SymmetricEigenDecomposition(int size, double[] values, double[] vectors)
    {
        Size = size;
        Values = values;
        Vectors = vectors;
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>Eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ.</summary>
    public double[] Values { get; }

    /// <summary>Eigenvectors as columns, row-major n×n.</summary>
    public double[] Vectors { get; }

    /// <summary>Decomposes the symmetric matrix <paramref name="a"/> (only its lower triangle is read).</summary>
    public static SymmetricEigenDecomposition Compute(ReadOnlySpan<double> a, int n)
    {
        if (n < 1) throw new ArgumentException($"size must be positive, got {n}");
        if (a.Length != n * n) throw new ArgumentException($"matrix has {a.Length} elements, expected {n}×{n}");
        foreach (double value in a)
            if (!double.IsFinite(value)) throw new ArgumentException("matrix contains NaN or infinity");

        // z starts as the symmetric matrix (lower triangle mirrored) and ends as the accumulated orthogonal transform.
        var z = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) z[i, j] = z[j, i] = a[i * n + j];
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(z, d, e, n);
        ImplicitQl(z, d, e, n);

        var order = Enumerable.Range(0, n).OrderBy(i => d[i]).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            values[j] = d[order[j]];
            for (int i = 0; i < n; i++) vectors[i * n + j] = z[i, order[j]];
        }
        return new SymmetricEigenDecomposition(n, values, vectors);
    }

    /// <summary>Float input, double work.</summary>
    public static SymmetricEigenDecomposition Compute(ReadOnlySpan<float> a, int n)
    {
        var copy = new double[a.Length];
        for (int i = 0; i < a.Length; i++) copy[i] = a[i];
        return Compute(copy, n);
    }

    /// <summary>
    /// Householder reduction A = Q·T·Qᵀ, working from the last row up: step i annihilates row i left of the
    /// subdiagonal. On return d holds T's diagonal, e[i] its subdiagonal entry T[i, i−1] (e[0] = 0), z holds Q.
    /// </summary>
    private static void Tridiagonalize(double[,] z, double[] d, double[] e, int n)
    {
        for (int i = n - 1; i > 0; i--)
        {
            int l = i - 1;
            double h = 0;
            if (l > 0)
            {
                double scale = 0;
                for (int k = 0; k <= l; k++) scale += Math.Abs(z[i, k]);
                if (scale == 0)
                {
                    e[i] = z[i, l];
                }
                else
                {
                    // v = row i (scaled), with its last entry shifted so that H = I − v·vᵀ/h maps the row onto ±‖row‖·e_l.
                    for (int k = 0; k <= l; k++)
                    {
                        z[i, k] /= scale;
                        h += z[i, k] * z[i, k];
                    }
                    double f = z[i, l];
                    double g = f >= 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                    e[i] = scale * g;
                    h -= f * g;
                    z[i, l] = f - g;
                    // p = A·v/h, then K = vᵀp/(2h), q = p − K·v; A ← A − v·qᵀ − q·vᵀ (lower triangle only).
                    f = 0;
                    for (int j = 0; j <= l; j++)
                    {
                        z[j, i] = z[i, j] / h; // store v/h in column i for accumulating Q later
                        g = 0;
                        for (int k = 0; k <= j; k++) g += z[j, k] * z[i, k];
                        for (int k = j + 1; k <= l; k++) g += z[k, j] * z[i, k];
                        e[j] = g / h;
                        f += e[j] * z[i, j];
                    }
                    double hh = f / (h + h);
                    for (int j = 0; j <= l; j++)
                    {
                        f = z[i, j];
                        e[j] = g = e[j] - hh * f;
                        for (int k = 0; k <= j; k++) z[j, k] -= f * e[k] + g * z[i, k];
                    }
                }
            }
            else
            {
                e[i] = z[i, l];
            }
            d[i] = h;
        }
        d[0] = 0;
        e[0] = 0;
        // Accumulate Q = H_{n−1}·…·H_1 in place and read off the diagonal.
        for (int i = 0; i < n; i++)
        {
            int l = i - 1;
            if (d[i] != 0)
            {
                for (int j = 0; j <= l; j++)
                {
                    double g = 0;
                    for (int k = 0; k <= l; k++) g += z[i, k] * z[k, j];
                    for (int k = 0; k <= l; k++) z[k, j] -= g * z[k, i];
                }
            }
            d[i] = z[i, i];
            z[i, i] = 1;
            for (int j = 0; j <= l; j++) z[j, i] = z[i, j] = 0;
        }
    }

    /// <summary>
    /// Implicit QL on the tridiagonal (d, e): for each l, chase a shifted rotation sequence up from the first
    /// negligible subdiagonal m below l until e[l] vanishes; the shift comes from the leading 2×2 block at l.
    /// Rotations are applied to the columns of z.
    /// </summary>
    private static void ImplicitQl(double[,] z, double[] d, double[] e, int n)
    {
        // Renumber e so that e[i] couples i and i+1.
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        for (int l = 0; l < n; l++)
        {
            for (int iteration = 0; ; iteration++)
            {
                int m = l;
                for (; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= 2.220446049250313e-16 * dd) break;
                }
                if (m == l) break;
                if (iteration == 60) throw new InvalidOperationException("symmetric eigendecomposition did not converge");
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = double.Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                bool underflow = false;
                for (; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = double.Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        // The rotation degenerated: deflate and restart this l.
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    for (int k = 0; k < n; k++)
                    {
                        f = z[k, i + 1];
                        z[k, i + 1] = s * z[k, i] + c * f;
                        z[k, i] = c * z[k, i] - s * f;
                    }
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
