using Steepest.LinearAlgebra;

namespace Steepest.Optimizers;

/// <summary>
/// Muon's orthogonalization for matrix parameters: u ← O(u)·√max(1, rows/columns), where O is <see cref="NewtonSchulz"/>
/// (default: 5 quintic steps) or, with <paramref name="exact"/>, U·Vᵀ from an exact SVD (for checks). Vectors pass through.
/// </summary>
public sealed class Orthogonalize(int steps = 5, bool exact = false) : GradientTransform
{
    /// <summary>Newton–Schulz iterations.</summary>
    public int Steps { get; } = steps >= 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be ≥ 0");
    /// <summary>Use U·Vᵀ from the SVD instead of Newton–Schulz.</summary>
    public bool Exact { get; } = exact;
    /// <inheritdoc/>
    public override string Name => Exact ? "orthogonalize(exact SVD)" : $"orthogonalize(newton-schulz, {Steps} steps)";

    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new Workspaces(parameters);

    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var workspaces = ((Workspaces)state).ForParameter;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            var parameter = context.Parameters[i];
            if (!parameter.IsMatrix) continue;
            float[] u = context.Updates[i];
            int rows = parameter.Rows, columns = parameter.Columns;
            if (Exact) ExactPolar(u, rows, columns);
            else NewtonSchulz.Orthogonalize(u, rows, columns, u, Steps, workspace: workspaces[i]);
            float scale = MathF.Sqrt(Math.Max(1f, (float)rows / columns));
            if (scale != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(u, scale, u);
        }
    }

    /// <summary>u ← U_r·V_rᵀ over the numerically nonzero singular values.</summary>
    public static void ExactPolar(float[] u, int rows, int columns)
    {
        var svd = SingularValueDecomposition.Compute(u, rows, columns);
        int k = svd.Rank, rank = svd.NumericalRank();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int t = 0; t < rank; t++) sum += svd.U[i * k + t] * svd.V[j * k + t];
                u[i * columns + j] = (float)sum;
            }
    }

    /// <summary>Scratch space per matrix parameter; not part of the saved state.</summary>
    private sealed class Workspaces(IReadOnlyList<Parameter> parameters) : TransformState
    {
        public NewtonSchulzWorkspace?[] ForParameter { get; } =
            parameters.Select(p => p.IsMatrix ? new NewtonSchulzWorkspace(p.Rows, p.Columns) : null).ToArray();

        public override void Visit(IStateVisitor visitor, string path) { }
    }
}
