using System.Numerics;
using System.Numerics.Tensors;
using Steepest.Threading;

namespace Steepest.Models;

/// <summary>y = max(0, x) elementwise; ∂x = ∂y where x &gt; 0, else 0 (NaN passes forward and stops the gradient). Vectorized, split over threads.</summary>
public sealed unsafe class Relu : Module
{
    private readonly Job job = new();

    /// <summary>ReLU over examples of <paramref name="shape"/>.</summary>
    public Relu(string name, int[] shape) : base(name, shape, shape) { }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        fixed (float* x = input, y = output) job.Start(x, null, y, input.Length);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty) return;
        fixed (float* x = input, dy = outputGradient, dx = inputGradient) job.Start(x, dy, dx, input.Length);
    }

    /// <summary>Forward (dy null: target ← max(0, x)) or backward (target ← x &gt; 0 ? dy : 0) over [start, end).</summary>
    private sealed class Job : RangeJob
    {
        private float* x, dy, target;

        public void Start(float* input, float* outputGradient, float* result, int count)
        {
            x = input;
            dy = outputGradient;
            target = result;
            Run(count, grain: 1 << 15);
        }

        protected override void Execute(int start, int end)
        {
            int n = end - start;
            var xs = new ReadOnlySpan<float>(x + start, n);
            var result = new Span<float>(target + start, n);
            if (dy is null)
            {
                TensorPrimitives.Max(xs, 0f, result);
                return;
            }
            var gradient = new ReadOnlySpan<float>(dy + start, n);
            int i = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    var positive = Vector.GreaterThan(new Vector<float>(xs[i..]), Vector<float>.Zero);
                    Vector.ConditionalSelect(positive, new Vector<float>(gradient[i..]), Vector<float>.Zero).CopyTo(result[i..]);
                }
            for (; i < n; i++) result[i] = xs[i] > 0 ? gradient[i] : 0;
        }
    }
}
