using System.Numerics.Tensors;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Approximate orthogonalization X ≈ U·Vᵀ of G = U·Σ·Vᵀ by the quintic Newton–Schulz iteration of Muon:
/// X ← G/‖G‖_F, then k times X ← (a·I + b·A + c·A²)·X with A = X·Xᵀ. The default coefficients
/// (3.4445, −4.7750, 2.0315) push every singular value in (0, 1] into roughly [0.7, 1.2] within 5 steps.
/// Works on the wide orientation (transposing when rows &gt; columns), so A is min(m, n)².
/// </summary>
public static class NewtonSchulz
{
    /// <summary>Muon's quintic coefficients a, b, c.</summary>
    public static (float A, float B, float C) QuinticCoefficients { get; } = (3.4445f, -4.7750f, 2.0315f);

    /// <summary>Writes the orthogonalized <paramref name="g"/> (rows×columns, row-major) into <paramref name="result"/>.</summary>
    public static void Orthogonalize(ReadOnlySpan<float> g, int rows, int columns, Span<float> result, int steps = 5,
        (float A, float B, float C)? coefficients = null, NewtonSchulzWorkspace? workspace = null, GemmOptions? options = null)
    {
        if (rows < 1 || columns < 1) throw new ArgumentException($"shape must be positive, got {rows}×{columns}");
        if (g.Length != rows * columns || result.Length != rows * columns) throw new ArgumentException($"buffers must hold {rows}×{columns} values");
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be ≥ 0");
        var (a, b, c) = coefficients ?? QuinticCoefficients;
        bool transposed = rows > columns;
        int r = Math.Min(rows, columns), k = Math.Max(rows, columns);
        workspace ??= new NewtonSchulzWorkspace(rows, columns);
        if (workspace.Rows != rows || workspace.Columns != columns) throw new ArgumentException("workspace shape does not match");
        float[] x = workspace.X, y = workspace.Y, gram = workspace.Gram, polynomial = workspace.Polynomial;

        if (transposed)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) x[j * k + i] = g[i * columns + j];
        else BlockCopy.Copy(g, x);
        double squares = 0;
        foreach (float value in x.AsSpan(0, r * k)) squares += (double)value * value;
        TensorPrimitives.Multiply(x.AsSpan(0, r * k), (float)(1 / (Math.Sqrt(squares) + 1e-7)), x.AsSpan(0, r * k));

        for (int step = 0; step < steps; step++)
        {
            var xs = new ReadOnlyMatrixSpan<float>(x, r, k);
            // A = X·Xᵀ; P = a·I + b·A + c·A·A; X ← P·X.
            // A and A·A are symmetric: only their blocks on and above the diagonal are multiplied. b·A is written
            // while A is mirrored and a·I while P is, so no pass over r² or r·k values runs on its own.
            SymmetricProduct.Multiply(1f, xs, 0f, new MatrixSpan<float>(gram, r, r), options, diagonalShift: 0f, copy: polynomial, copyScale: b);
            SymmetricProduct.Multiply(c, new ReadOnlyMatrixSpan<float>(gram, r, r), 1f, new MatrixSpan<float>(polynomial, r, r), options,
                diagonalShift: a, copy: null, copyScale: 0f);
            Gemm.Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(polynomial, r, r), xs, 0f, new MatrixSpan<float>(y, r, k), options);
            (x, y) = (y, x);
        }
        if (transposed)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) result[i * columns + j] = x[j * k + i];
        else BlockCopy.Copy<float>(x.AsSpan(0, r * k), result);
    }
}
