using Steepest.Threading;

namespace Steepest.Models;

/// <summary>
/// An elementwise function y = φ(x), shape kept, with ∂x = ∂y∘φ'(x). Subclasses give φ and the backward rule on
/// spans; this class splits every pass over the cores in whole blocks of <see cref="Block"/> values, so each range
/// starts at the same offsets whatever the thread count and vectorized code sees the same tails: the result does
/// not depend on how many threads ran.
/// </summary>
public abstract unsafe class Elementwise : Module
{
    private readonly Job job;

    /// <summary>φ over examples of <paramref name="shape"/>.</summary>
    protected Elementwise(string name, int[] shape) : base(name, shape, shape) => job = new Job(this);

    /// <summary>y ← φ(x) on one range.</summary>
    protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>∂x ← ∂y∘φ'(x) on one range.</summary>
    protected abstract void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);

    /// <summary>Ranges start at multiples of this many values.</summary>
    public const int Block = 256;

    /// <summary>Fewest values worth a thread.</summary>
    protected virtual int Grain => 1 << 15;

    /// <inheritdoc/>
    protected sealed override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        fixed (float* x = input, y = output) job.Start(x, null, y, input.Length);
    }

    /// <inheritdoc/>
    protected sealed override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty) return;
        fixed (float* x = input, dy = outputGradient, dx = inputGradient) job.Start(x, dy, dx, input.Length);
    }

    /// <summary>Forward (dy null) or backward over [start, end).</summary>
    private sealed class Job(Elementwise module) : RangeJob
    {
        private float* x, dy, target;
        private int count;

        public void Start(float* input, float* outputGradient, float* result, int length)
        {
            x = input;
            dy = outputGradient;
            target = result;
            count = length;
            Run((length + Block - 1) / Block, Math.Max(1, module.Grain / Block));
        }

        protected override void Execute(int firstBlock, int endBlock)
        {
            int start = firstBlock * Block, end = (int)Math.Min(count, (long)endBlock * Block), n = end - start;
            var xs = new ReadOnlySpan<float>(x + start, n);
            var result = new Span<float>(target + start, n);
            if (dy is null) module.Apply(xs, result);
            else module.Differentiate(xs, new ReadOnlySpan<float>(dy + start, n), result);
        }
    }
}
