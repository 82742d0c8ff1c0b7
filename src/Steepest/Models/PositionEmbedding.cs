using System.Numerics.Tensors;
using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.LinearAlgebra;

namespace Steepest.Models;

/// <summary>
/// Learned absolute positions: y[t] = x[t] + P[t] for sequences [T, D], P initialized like nn.Embedding, N(0, 1).
/// ∂x = ∂y and ∂P[t] = Σ_batch ∂y[t].
/// </summary>
public sealed class PositionEmbedding : Module
{
    private readonly int context, dimension;

    /// <summary>Positions 0..T−1 of width D.</summary>
    public PositionEmbedding(string name, int context, int dimension) : base(name, [context, dimension], [context, dimension])
    {
        (this.context, this.dimension) = (context, dimension);
        Weight = new Parameter($"{name}.weight", [context, dimension], ParameterKind.Embedding);
        Parameters = [Weight];
    }

    /// <summary>P, T×D.</summary>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The ℓ∞ norm over positions of each row's RMS, maxᵢ ‖Pᵢ‖₂/√width.</summary>
    protected override IReadOnlyList<Norm> OwnNorms => [new RowRmsNorm(Weight.Rows, Weight.Columns)];

    /// <summary>P ~ N(0, 1).</summary>
    public override void Initialize(SplitMix64 random)
    {
        for (int i = 0; i < Weight.Length; i++) Weight.Value[i] = (float)random.NextGaussian();
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int size = context * dimension;
        for (int b = 0; b < batch; b++) TensorPrimitives.Add(input.Slice(b * size, size), Weight.Value, output.Slice(b * size, size));
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int size = context * dimension;
        Span<float> dP = Weight.Gradient;
        dP.Clear();
        for (int b = 0; b < batch; b++) TensorPrimitives.Add(dP, outputGradient.Slice(b * size, size), dP);
        if (!inputGradient.IsEmpty) BlockCopy.Copy(outputGradient, inputGradient);
    }
}
