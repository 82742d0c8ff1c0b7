using Steepest.LinearAlgebra;

namespace Steepest.Models;

/// <summary>Views each example as one vector: [d₁, …, dₖ] → [d₁·…·dₖ] (values unchanged, row-major order kept).</summary>
public sealed class Flatten(string name, int[] shape) : Module(name, shape, [shape.Aggregate(1, (a, b) => checked(a * b))])
{
    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch) => BlockCopy.Copy(input, output);

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (!inputGradient.IsEmpty) BlockCopy.Copy(outputGradient, inputGradient);
    }
}
