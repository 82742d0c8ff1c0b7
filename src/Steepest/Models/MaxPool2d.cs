using System.Numerics;
using Steepest.Threading;

namespace Steepest.Models;

/// <summary>
/// Max pooling on channels-last images: y[oy, ox, c] = max over the k×k window at (oy·s, ox·s) of x[·, ·, c], with
/// H_out = ⌊(H − k)/s⌋ + 1 (PyTorch's floor mode, no padding). The forward pass remembers each maximum's position and
/// the backward pass routes ∂y there (summing where windows overlap). NaN wins, as in PyTorch.
/// </summary>
public sealed unsafe class MaxPool2d : Module
{
    private readonly int height, width, channels, kernel, stride, outputHeight, outputWidth;
    private readonly Job job;
    private int[] winners = [];

    /// <summary>A k×k pool with stride s over images [H, W, C].</summary>
    public MaxPool2d(string name, int[] inputShape, int kernel, int stride) : base(name, inputShape, OutputShapeOf(name, inputShape, kernel, stride))
    {
        (height, width, channels, this.kernel, this.stride) = (inputShape[0], inputShape[1], inputShape[2], kernel, stride);
        (outputHeight, outputWidth) = (OutputShape[0], OutputShape[1]);
        job = new Job(this);
    }

    /// <summary>The window is Kernel×Kernel.</summary>
    public int Kernel => kernel;

    /// <summary>Step between windows.</summary>
    public int Stride => stride;

    /// <inheritdoc/>
    protected override void AllocateCore(int batch) => winners = new int[(long)batch * OutputSize];

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        fixed (float* x = input, y = output)
        fixed (int* w = winners) job.Start(x, y, w, backward: false, batch);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty) return;
        fixed (float* dx = inputGradient, dy = outputGradient)
        fixed (int* w = winners) job.Start(dx, dy, w, backward: true, batch);
    }

    private static int[] OutputShapeOf(string name, int[] shape, int kernel, int stride)
    {
        if (shape.Length != 3) throw new ArgumentException($"{name}: pooling takes images [H, W, C], got [{string.Join("×", shape)}]");
        if (kernel < 1 || stride < 1) throw new ArgumentException($"{name}: kernel and stride must be ≥ 1");
        if (shape[0] < kernel || shape[1] < kernel) throw new ArgumentException($"{name}: a {kernel}×{kernel} pool does not fit a {shape[0]}×{shape[1]} image");
        return [(shape[0] - kernel) / stride + 1, (shape[1] - kernel) / stride + 1, shape[2]];
    }

    /// <summary>One example per index: forward (x → y, winners) or backward (dy → dx through winners).</summary>
    private sealed class Job(MaxPool2d pool) : RangeJob
    {
        private float* input, output;
        private int* winners;
        private bool backward;

        public void Start(float* x, float* y, int* w, bool backward, int batch)
        {
            input = x;
            output = y;
            winners = w;
            this.backward = backward;
            Run(batch);
        }

        protected override void Execute(int start, int end)
        {
            var p = pool;
            int c = p.channels, inSize = p.height * p.width * c, outSize = p.outputHeight * p.outputWidth * c;
            for (int b = start; b < end; b++)
            {
                float* x = input + (long)b * inSize, y = output + (long)b * outSize;
                int* w = winners + (long)b * outSize;
                if (backward)
                {
                    // Here input is ∂x and output is ∂y.
                    new Span<float>(x, inSize).Clear();
                    for (int i = 0; i < outSize; i++) x[w[i]] += y[i];
                    continue;
                }
                for (int oy = 0; oy < p.outputHeight; oy++)
                    for (int ox = 0; ox < p.outputWidth; ox++)
                    {
                        int o = (oy * p.outputWidth + ox) * c;
                        int first = (oy * p.stride * p.width + ox * p.stride) * c;
                        int ch = 0;
                        if (Vector.IsHardwareAccelerated)
                            for (; ch <= c - Vector<float>.Count; ch += Vector<float>.Count) Window(p, x, y, w, o + ch, first + ch, oy, ox, ch);
                        for (; ch < c; ch++)
                        {
                            y[o + ch] = x[first + ch];
                            w[o + ch] = first + ch;
                            for (int ky = 0; ky < p.kernel; ky++)
                                for (int kx = 0; kx < p.kernel; kx++)
                                {
                                    int at = ((oy * p.stride + ky) * p.width + ox * p.stride + kx) * c + ch;
                                    float v = x[at];
                                    if (v > y[o + ch] || float.IsNaN(v)) { y[o + ch] = v; w[o + ch] = at; }
                                }
                        }
                    }
            }
        }

        /// <summary>The same window for Vector&lt;float&gt;.Count channels at once: a lane takes a value that is larger, or NaN.</summary>
        private static void Window(MaxPool2d p, float* x, float* y, int* w, int o, int first, int oy, int ox, int ch)
        {
            var best = Vector.Load(x + first);
            var lanes = Vector.Create(first) + Vector<int>.Indices;
            var winner = lanes;
            for (int ky = 0; ky < p.kernel; ky++)
                for (int kx = 0; kx < p.kernel; kx++)
                {
                    int at = ((oy * p.stride + ky) * p.width + ox * p.stride + kx) * p.channels + ch;
                    var v = Vector.Load(x + at);
                    var take = Vector.GreaterThan(v, best) | ~Vector.Equals(v, v);
                    best = Vector.ConditionalSelect(take, v, best);
                    winner = Vector.ConditionalSelect(take, Vector.Create(at) + Vector<int>.Indices, winner);
                }
            best.Store(y + o);
            winner.Store(w + o);
        }
    }
}
