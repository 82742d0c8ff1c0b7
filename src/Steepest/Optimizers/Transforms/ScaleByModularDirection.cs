using System.Numerics.Tensors;
using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// The steepest direction under a model's modular norm max_l s_l·‖Δ_l‖_l, one block per parameter:
/// u_l ← ‖u‖*·Dualize_l(u_l)/s_l with ‖u‖* = Σ_k ⟨u_k, Dualize_k(u_k)⟩/s_k, so that with scale_by_learning_rate(η) the
/// step is −η·‖g‖*·Dualize(g), problem 1's steepest step. Each block dualizes in its fast form (Newton–Schulz for
/// operator norms, sign for ℓ∞, row normalisation for embeddings) or, with <paramref name="exact"/>, exactly.
/// </summary>
public sealed class ScaleByModularDirection(MaxCombinationNorm norm, int steps = 5, bool exact = false) : GradientTransform<DualizerState>
{
    /// <summary>The modular norm, one block per parameter in the optimizer's parameter order.</summary>
    public MaxCombinationNorm Norm { get; } = norm ?? throw new ArgumentNullException(nameof(norm));
    /// <summary>Newton–Schulz iterations for the operator-norm blocks.</summary>
    public int Steps { get; } = Hyperparameter.Steps(steps, nameof(steps));
    /// <summary>Dualize every block exactly (SVD for operator norms), for checks.</summary>
    public bool Exact { get; } = exact;

    /// <inheritdoc/>
    public override string Name => $"scale_by_modular_direction({(Exact ? "exact" : $"newton-schulz {Steps} steps")})";

    /// <inheritdoc/>
    protected override DualizerState CreateState(IReadOnlyList<Parameter> parameters)
    {
        var blocks = Norm.Blocks;
        if (blocks.Count != parameters.Count)
            throw new ArgumentException($"the modular norm has {blocks.Count} blocks for {parameters.Count} parameters");
        for (int i = 0; i < blocks.Count; i++)
            if (blocks[i].Length != parameters[i].Length)
                throw new ArgumentException($"block {i + 1} of the modular norm has {blocks[i].Length} elements, {parameters[i].Name} has {parameters[i].Length}");
        return new DualizerState(blocks.Select(b => (Dualizer?)b.Norm.CreateDualizer(Steps, Exact)).ToArray());
    }

    /// <inheritdoc/>
    public override void Update(UpdateContext context, DualizerState state)
    {
        var dualizers = state.ForParameter;
        var blocks = Norm.Blocks;
        double dual = 0;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i];
            dual += dualizers[i]!.Dualize(u, u) / blocks[i].Scale;
        }
        for (int i = 0; i < context.Updates.Count; i++)
            TensorPrimitives.Multiply(context.Updates[i], (float)(dual / blocks[i].Scale), context.Updates[i]);
    }
}
