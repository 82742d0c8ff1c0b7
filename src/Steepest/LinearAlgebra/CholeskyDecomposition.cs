namespace Steepest.LinearAlgebra;

/// <summary>A = L·Lᵀ for a symmetric positive definite n×n matrix; solves A·x = b by two triangular solves.</summary>
public sealed class CholeskyDecomposition
{
    private readonly double[] lower;

    private CholeskyDecomposition(int size, double[] lower)
    {
        Size = size;
        this.lower = lower;
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>L, n×n lower triangular, row-major.</summary>
    public double[] L => (double[])lower.Clone();

    /// <summary>Factors <paramref name="a"/> (its lower triangle is read); throws if it is not positive definite.</summary>
    public static CholeskyDecomposition Compute(ReadOnlySpan<double> a, int n)
    {
        if (n < 1) throw new ArgumentException($"size must be positive, got {n}");
        if (a.Length != n * n) throw new ArgumentException($"matrix has {a.Length} elements, expected {n}×{n}");
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) diagonal -= l[j * n + k] * l[j * n + k];
            if (!(diagonal > 0)) throw new InvalidOperationException($"matrix is not positive definite (pivot {j + 1} is {diagonal:G4})");
            double root = Math.Sqrt(diagonal);
            l[j * n + j] = root;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = sum / root;
            }
        }
        return new CholeskyDecomposition(n, l);
    }

    /// <summary>x = A⁻¹·b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"b has {b.Length} entries, A is {n}×{n}");
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= lower[i * n + k] * y[k];
            y[i] = sum / lower[i * n + i];
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) sum -= lower[k * n + i] * x[k];
            x[i] = sum / lower[i * n + i];
        }
        return x;
    }
}
