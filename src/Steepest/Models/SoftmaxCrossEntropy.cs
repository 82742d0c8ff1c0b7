using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>
/// The loss head: softmax cross-entropy over the last axis, one target per row of logits (one row per example for
/// classes, one per position for next tokens). ℓ = log Σ_c e^(z_c) − z_y, evaluated stably in double as
/// m + log Σ e^(z−m); ∂ℓ/∂z = softmax(z) − onehot(y).
/// </summary>
public sealed class SoftmaxCrossEntropy(int classes)
{
    /// <summary>Number of classes (the logit width).</summary>
    public int Classes { get; } = classes >= 1 ? classes : throw new ArgumentOutOfRangeException(nameof(classes), classes, "need at least one class");

    /// <summary>
    /// Σ ℓ over the rows and the number of rows whose largest logit is the target. When <paramref name="logitGradient"/>
    /// is not empty it receives <paramref name="scale"/>·∂(Σ ℓ)/∂z.
    /// </summary>
    public (double LossSum, int Correct) Compute(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, Span<float> logitGradient, float scale)
    {
        int rows = targets.Length;
        if (logits.Length < rows * Classes) throw new ArgumentException($"{logits.Length} logits for {rows} targets of {Classes} classes");
        if (!logitGradient.IsEmpty && logitGradient.Length < rows * Classes) throw new ArgumentException($"the gradient holds {logitGradient.Length} values, {rows * Classes} needed");
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * Classes, Classes);
            int target = targets[r];
            if ((uint)target >= (uint)Classes) throw new ArgumentException($"target {target} is outside 0..{Classes - 1}");
            float max = TensorPrimitives.Max(z);
            double sum = 0;
            foreach (float value in z) sum += Math.Exp(value - max);
            double logSum = max + Math.Log(sum);
            loss += logSum - z[target];
            if (TensorPrimitives.IndexOfMax(z) == target) correct++;
            if (logitGradient.IsEmpty) continue;
            var dz = logitGradient.Slice(r * Classes, Classes);
            for (int c = 0; c < Classes; c++) dz[c] = (float)(Math.Exp(z[c] - logSum) * scale);
            dz[target] -= scale;
        }
        return (loss, correct);
    }
}
