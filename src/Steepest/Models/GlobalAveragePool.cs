using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>y[c] = (1/(H·W))·Σ_{y,x} x[y, x, c] on channels-last images [H, W, C] → [C]; ∂x[y, x, c] = ∂y[c]/(H·W).</summary>
public sealed class GlobalAveragePool : Module
{
    private readonly int pixels, channels;

    /// <summary>Averages each channel of images [H, W, C].</summary>
    public GlobalAveragePool(string name, int[] inputShape) : base(name, inputShape, [ChannelsOf(name, inputShape)])
    {
        channels = inputShape[2];
        pixels = inputShape[0] * inputShape[1];
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int b = 0; b < batch; b++)
        {
            var y = output.Slice(b * channels, channels);
            y.Clear();
            for (int p = 0; p < pixels; p++) TensorPrimitives.Add(y, input.Slice((b * pixels + p) * channels, channels), y);
            TensorPrimitives.Multiply(y, 1f / pixels, y);
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty) return;
        for (int b = 0; b < batch; b++)
        {
            var dy = outputGradient.Slice(b * channels, channels);
            for (int p = 0; p < pixels; p++) TensorPrimitives.Multiply(dy, 1f / pixels, inputGradient.Slice((b * pixels + p) * channels, channels));
        }
    }

    private static int ChannelsOf(string name, int[] shape) =>
        shape.Length == 3 ? shape[2] : throw new ArgumentException($"{name}: global average pooling takes images [H, W, C], got [{string.Join("×", shape)}]");
}
