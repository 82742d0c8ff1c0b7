using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Norms;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// Layer normalization over the last axis (width D): x̂ = (x − μ)/√(σ² + ε), y = γ∘x̂ + β, with μ and σ² the row's
/// mean and (biased) variance and ε = 1e-5 (PyTorch's defaults; γ = 1, β = 0 initially). Backward, per row:
/// ∂x = (1/√(σ²+ε))·(g − mean(g) − x̂·mean(g∘x̂)) with g = γ∘∂y; ∂γ = Σ_rows ∂y∘x̂, ∂β = Σ_rows ∂y.
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>ε added to the variance.</summary>
    public const float Epsilon = 1e-5f;
    private readonly int features, rowsPerExample;
    private readonly float[] scratch, scratch2;
    private float[] means = [], inverseDeviations = [];

    /// <summary>Normalizes the last axis of examples of <paramref name="shape"/>.</summary>
    public LayerNorm(string name, int[] shape) : base(name, shape, shape)
    {
        features = shape[^1];
        rowsPerExample = InputSize / features;
        Gain = new Parameter($"{name}.gain", [features], ParameterKind.NormGain);
        Bias = new Parameter($"{name}.bias", [features], ParameterKind.Bias);
        Parameters = [Gain, Bias];
        scratch = new float[features];
        scratch2 = new float[features];
    }

    /// <summary>γ, one per feature.</summary>
    public Parameter Gain { get; }

    /// <summary>β, one per feature.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>ℓ∞ on the gain and on the bias.</summary>
    protected override IReadOnlyList<Norm> OwnNorms => [new LInfinityNorm(), new LInfinityNorm()];

    /// <summary>γ = 1, β = 0 (draws nothing).</summary>
    public override void Initialize(SplitMix64 random)
    {
        Array.Fill(Gain.Value, 1f);
        Array.Clear(Bias.Value);
    }

    /// <inheritdoc/>
    protected override void AllocateCore(int batch)
    {
        means = new float[batch * rowsPerExample];
        inverseDeviations = new float[batch * rowsPerExample];
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int rows = batch * rowsPerExample;
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * features, features);
            var y = output.Slice(r * features, features);
            float mean = OrderedSums.Sum(x) / features;
            TensorPrimitives.Subtract(x, mean, y);
            float variance = OrderedSums.SumOfSquares(y) / features;
            float inverse = 1 / MathF.Sqrt(variance + Epsilon);
            means[r] = mean;
            inverseDeviations[r] = inverse;
            TensorPrimitives.Multiply(y, inverse, y);
            TensorPrimitives.FusedMultiplyAdd(y, Gain.Value, Bias.Value, y);
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int rows = batch * rowsPerExample;
        Span<float> dGain = Gain.Gradient, dBias = Bias.Gradient, normalized = scratch, g = scratch2;
        dGain.Clear();
        dBias.Clear();
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * features, features);
            var dy = outputGradient.Slice(r * features, features);
            float inverse = inverseDeviations[r];
            TensorPrimitives.Subtract(x, means[r], normalized);
            TensorPrimitives.Multiply(normalized, inverse, normalized);
            TensorPrimitives.FusedMultiplyAdd(dy, normalized, dGain, dGain);
            TensorPrimitives.Add(dBias, dy, dBias);
            if (inputGradient.IsEmpty) continue;
            TensorPrimitives.Multiply(dy, Gain.Value, g);
            float meanG = OrderedSums.Sum(g) / features;
            float meanGx = OrderedSums.Dot(g, normalized) / features;
            var dx = inputGradient.Slice(r * features, features);
            // dx = inverse·(g − meanG − x̂·meanGx).
            TensorPrimitives.MultiplyAdd(normalized, -meanGx, g, dx);
            TensorPrimitives.Subtract(dx, meanG, dx);
            TensorPrimitives.Multiply(dx, inverse, dx);
        }
    }
}
