using System.Numerics;
using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>y = max(0, x) elementwise; ∂x = ∂y where x &gt; 0, else 0 (NaN passes forward and stops the gradient). Vectorized.</summary>
public sealed class Relu(string name, int[] shape) : Elementwise(name, shape)
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
                Vector.ConditionalSelect(positive, new Vector<float>(outputGradient[i..]), Vector<float>.Zero).CopyTo(inputGradient[i..]);
            }
        for (; i < x.Length; i++) inputGradient[i] = x[i] > 0 ? outputGradient[i] : 0;
    }
}
