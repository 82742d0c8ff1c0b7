using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>y = max(0, x) elementwise; ∂x = ∂y where x &gt; 0, else 0 (NaN passes forward and stops the gradient).</summary>
public sealed class Relu(string name, int[] shape) : Module(name, shape, shape)
{
    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch) => TensorPrimitives.Max(input, 0f, output);

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty) return;
        for (int i = 0; i < input.Length; i++) inputGradient[i] = input[i] > 0 ? outputGradient[i] : 0;
    }
}
