using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Muon's orthogonalization for matrix parameters: u ← Dualize_σ(u)·√max(1, rows/columns), where Dualize_σ is the
/// spectral norm's dualization (the one steepest:modular uses): Newton–Schulz (default: 5 quintic steps) or, with
/// <paramref name="exact"/>, U·Vᵀ from an exact SVD (for checks). Vectors pass through.
/// </summary>
public sealed class Orthogonalize(int steps = 5, bool exact = false) : GradientTransform<DualizerState>
{
    /// <summary>Newton–Schulz iterations.</summary>
    public int Steps { get; } = Hyperparameter.Steps(steps, nameof(steps));
    /// <summary>Use U·Vᵀ from the SVD instead of Newton–Schulz.</summary>
    public bool Exact { get; } = exact;
    /// <inheritdoc/>
    public override string Name => Exact ? "orthogonalize(exact SVD)" : $"orthogonalize(newton-schulz, {Steps} steps)";

    /// <inheritdoc/>
    protected override DualizerState CreateState(IReadOnlyList<Parameter> parameters) =>
        new(parameters.Select(p => p.IsMatrix ? new SpectralNorm(p.Rows, p.Columns).CreateDualizer(Steps, Exact) : null).ToArray());

    /// <inheritdoc/>
    public override void Update(UpdateContext context, DualizerState state)
    {
        var dualizers = state.ForParameter;
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
}
