using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Muon's orthogonalization for matrix parameters: u ← Dualize_σ(u)·√max(1, rows/columns), where Dualize_σ is the
/// spectral norm's dualization (the one steepest:modular uses): Newton–Schulz (default: 5 quintic steps) or, with
/// <paramref name="exact"/>, U·Vᵀ from an exact SVD (for checks). Vectors pass through.
/// </summary>
public sealed class Orthogonalize(int steps = 5, bool exact = false) : GradientTransform
{
    /// <summary>Newton–Schulz iterations.</summary>
    public int Steps { get; } = Hyperparameter.Steps(steps, nameof(steps));
    /// <summary>Use U·Vᵀ from the SVD instead of Newton–Schulz.</summary>
    public bool Exact { get; } = exact;
    /// <inheritdoc/>
    public override string Name => Exact ? "orthogonalize(exact SVD)" : $"orthogonalize(newton-schulz, {Steps} steps)";

    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new Dualizers(parameters, Steps, Exact);

    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var dualizers = ((Dualizers)state).ForParameter;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            var parameter = context.Parameters[i];
            if (dualizers[i] is not Dualizer dualizer) continue;
            float[] u = context.Updates[i];
            dualizer.Dualize(u, u);
            float scale = MathF.Sqrt(Math.Max(1f, (float)parameter.Rows / parameter.Columns));
            if (scale != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(u, scale, u);
        }
    }

    /// <summary>One spectral-norm dualizer (and its scratch) per matrix parameter; not part of the saved state.</summary>
    private sealed class Dualizers(IReadOnlyList<Parameter> parameters, int steps, bool exact) : TransformState
    {
        public Dualizer?[] ForParameter { get; } =
            parameters.Select(p => p.IsMatrix ? new SpectralNorm(p.Rows, p.Columns).CreateDualizer(steps, exact) : null).ToArray();

        public override void Visit(IStateVisitor visitor, string path) { }
    }
}
