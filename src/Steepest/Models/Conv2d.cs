using System.Numerics;
using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.Threading;

namespace Steepest.Models;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) on channels-last images [H, W, C_in] → [H_out, W_out, C_out],
/// H_out = ⌊(H + 2·padding − kh)/stride⌋ + 1, with zero padding. The filters are out×in×kh×kw (PyTorch's layout) and
/// are initialized like nn.Conv2d: uniform in ±1/√(in·kh·kw), bias too. It runs as im2col plus one SGEMM over the
/// whole batch: the columns hold one row per output pixel, ordered (ky, kx, c) so each tap copies C contiguous
/// values, plus a final column of ones; the filters are permuted to that order once per pass with the bias as their
/// last column (out·(in·kh·kw + 1) values, negligible), so the product adds the bias too.
/// Backward: [dW db] = dYᵀ·cols (the ones column sums dY), dcols = dY·W, then col2im adds each tap back into ∂x.
/// With few taps (a first layer on one channel: 3·3·1 + 1 = 10) a GEMM that deep is mostly packing, so the forward pass
/// and ∂W instead run directly over each pixel's taps, vectorized over the filters, without materializing the columns.
/// </summary>
public sealed unsafe class Conv2d : Module
{
    private readonly int height, width, channels, filters, kernelHeight, kernelWidth, stride, padding, outputHeight, outputWidth;
    /// <summary>At most this many taps (with the bias's) take the direct path.</summary>
    private const int DirectTaps = 32;

    /// <summary>Examples per unit of per-pixel work; the direct ∂W keeps one partial sum per unit, so its order depends on the batch only, never on the thread count.</summary>
    private const int ExamplesPerChunk = 16;
    private readonly int taps;
    private readonly bool direct;
    private readonly float[] permuted, permutedGradient, transposed;
    private readonly PixelJob pixels;
    private float[] columns = [], partials = [];

    /// <summary>A convolution of <paramref name="filters"/> kh×kw filters over images of shape [H, W, C].</summary>
    public Conv2d(string name, int[] inputShape, int filters, int kernelHeight, int kernelWidth, int stride = 1, int padding = 0, bool isInputLayer = false)
        : base(name, inputShape, OutputShapeOf(name, inputShape, filters, kernelHeight, kernelWidth, stride, padding))
    {
        (height, width, channels) = (inputShape[0], inputShape[1], inputShape[2]);
        (this.filters, this.kernelHeight, this.kernelWidth, this.stride, this.padding) = (filters, kernelHeight, kernelWidth, stride, padding);
        (outputHeight, outputWidth) = (OutputShape[0], OutputShape[1]);
        taps = kernelHeight * kernelWidth * channels + 1;
        Weight = new Parameter($"{name}.weight", [filters, channels, kernelHeight, kernelWidth], ParameterKind.Conv, isInputLayer);
        Bias = new Parameter($"{name}.bias", [filters], ParameterKind.Bias);
        Parameters = [Weight, Bias];
        permuted = new float[filters * taps];
        permutedGradient = new float[filters * taps];
        direct = taps <= DirectTaps;
        transposed = direct ? new float[taps * filters] : [];
        pixels = new PixelJob(this);
    }

    /// <summary>Filter height.</summary>
    public int KernelHeight => kernelHeight;

    /// <summary>Filter width.</summary>
    public int KernelWidth => kernelWidth;

    /// <summary>Step between neighbouring outputs, in input pixels.</summary>
    public int Stride => stride;

    /// <summary>Zero pixels added on every side.</summary>
    public int Padding => padding;

    /// <summary>The filters, out×in×kh×kw.</summary>
    public Parameter Weight { get; }

    /// <summary>One bias per filter.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The RMS→RMS operator norm √(fan_in/fan_out)·σ₁ on W (fan_out × fan_in, the kernel flattened to in·kh·kw) and ℓ∞ on b.</summary>
    protected override IReadOnlyList<Norm> OwnNorms => [new RmsOperatorNorm(Weight.Rows, Weight.Columns), new LInfinityNorm()];

    private int Pixels => outputHeight * outputWidth;

    private static int Chunks(int batch) => (batch + ExamplesPerChunk - 1) / ExamplesPerChunk;

    /// <summary>W then b, uniform in ±1/√(in·kh·kw).</summary>
    public override void Initialize(SplitMix64 random)
    {
        float bound = 1 / MathF.Sqrt(taps - 1);
        foreach (var p in (Parameter[])[Weight, Bias])
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)((2 * random.NextDouble() - 1) * bound);
    }

    /// <inheritdoc/>
    protected override void AllocateCore(int batch)
    {
        columns = new float[(long)batch * Pixels * taps];
        partials = direct ? new float[Chunks(batch) * taps * filters] : [];
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        // [W b][o, (ky, kx, c) | 1] ← W[o, c, ky, kx], b[o].
        for (int o = 0; o < filters; o++)
        {
            for (int c = 0; c < channels; c++)
                for (int ky = 0; ky < kernelHeight; ky++)
                    for (int kx = 0; kx < kernelWidth; kx++)
                        permuted[o * taps + (ky * kernelWidth + kx) * channels + c] = Weight.Value[((o * channels + c) * kernelHeight + ky) * kernelWidth + kx];
            permuted[o * taps + taps - 1] = Bias.Value[o];
        }
        int rows = batch * Pixels;
        if (direct)
        {
            for (int o = 0; o < filters; o++)
                for (int t = 0; t < taps; t++) transposed[t * filters + o] = permuted[o * taps + t];
            fixed (float* x = input, y = output) pixels.Run(PixelMode.DirectForward, x, y, batch);
            return;
        }
        fixed (float* x = input, cols = columns) pixels.Run(PixelMode.Im2Col, x, cols, batch);
        Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, new ReadOnlyMatrixSpan<float>(columns.AsSpan(0, rows * taps), rows, taps),
            new ReadOnlyMatrixSpan<float>(permuted, filters, taps), 0f, new MatrixSpan<float>(output, rows, filters));
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int rows = batch * Pixels;
        var dy = new ReadOnlyMatrixSpan<float>(outputGradient, rows, filters);
        var cols = columns.AsSpan(0, rows * taps);
        if (direct)
        {
            fixed (float* x = input, g = outputGradient) pixels.Run(PixelMode.DirectWeightGradient, x, g, batch);
            // Sum the chunks' partial ∂W in chunk order.
            int parts = Chunks(batch), size = taps * filters;
            for (int o = 0; o < filters; o++)
                for (int t = 0; t < taps; t++)
                {
                    float sum = 0;
                    for (int q = 0; q < parts; q++) sum += partials[q * size + t * filters + o];
                    permutedGradient[o * taps + t] = sum;
                }
        }
        else
            Gemm.Multiply(Transpose.Transposed, Transpose.None, 1f, dy, new ReadOnlyMatrixSpan<float>(cols, rows, taps), 0f,
                new MatrixSpan<float>(permutedGradient, filters, taps));
        for (int o = 0; o < filters; o++)
        {
            for (int c = 0; c < channels; c++)
                for (int ky = 0; ky < kernelHeight; ky++)
                    for (int kx = 0; kx < kernelWidth; kx++)
                        Weight.Gradient[((o * channels + c) * kernelHeight + ky) * kernelWidth + kx] = permutedGradient[o * taps + (ky * kernelWidth + kx) * channels + c];
            Bias.Gradient[o] = permutedGradient[o * taps + taps - 1];
        }
        if (inputGradient.IsEmpty) return;
        // The columns are spent: reuse them for dcols = dY·W'.
        Gemm.Multiply(Transpose.None, Transpose.None, 1f, dy, new ReadOnlyMatrixSpan<float>(permuted, filters, taps), 0f, new MatrixSpan<float>(cols, rows, taps));
        fixed (float* dx = inputGradient, dcols = columns) pixels.Run(PixelMode.Col2Im, dx, dcols, batch);
    }

    private static int[] OutputShapeOf(string name, int[] shape, int filters, int kh, int kw, int stride, int padding)
    {
        if (shape.Length != 3) throw new ArgumentException($"{name}: a convolution takes images [H, W, C], got [{string.Join("×", shape)}]");
        if (filters < 1 || kh < 1 || kw < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"{name}: filters, kernel and stride must be ≥ 1 and padding ≥ 0");
        int h = (shape[0] + 2 * padding - kh) / stride + 1, w = (shape[1] + 2 * padding - kw) / stride + 1;
        if (shape[0] + 2 * padding < kh || shape[1] + 2 * padding < kw)
            throw new ArgumentException($"{name}: a {kh}×{kw} kernel does not fit a {shape[0]}×{shape[1]} image with padding {padding}");
        return [h, w, filters];
    }

    private enum PixelMode { Im2Col, Col2Im, DirectForward, DirectWeightGradient }

    /// <summary>
    /// Per-pixel work, one chunk of examples per index, so threads never write the same value and every sum keeps one order:
    /// im2col (cols[pixel, (ky, kx, c)] ← x[iy, ix, c], zero outside, 1 last), col2im (∂x ← Σ taps of dcols), or the
    /// direct forward pass (y[pixel] = Σ_t tap_t·W'[t]) and ∂W' (partial of this part += tap_t·∂y[pixel]).
    /// </summary>
    private sealed class PixelJob(Conv2d conv) : RangeJob
    {
        private float* image, other;
        private PixelMode mode;
        private int batch;

        /// <summary>x is the image (or ∂x for col2im); data is the columns, y, or ∂y, by mode.</summary>
        public void Run(PixelMode how, float* x, float* data, int batch)
        {
            mode = how;
            image = x;
            other = data;
            this.batch = batch;
            Run(Chunks(batch));
        }

        protected override void Execute(int firstChunk, int endChunk)
        {
            for (int chunk = firstChunk; chunk < endChunk; chunk++)
                Execute(chunk, chunk * ExamplesPerChunk, Math.Min(batch, (chunk + 1) * ExamplesPerChunk));
        }

        private void Execute(int part, int start, int end)
        {
            var k = conv;
            int c = k.channels, size = k.height * k.width * c, width = k.taps, filters = k.filters;
            float* taps = stackalloc float[k.direct ? width : 1];
            fixed (float* weights = k.transposed, all = k.partials)
            {
                float* partial = mode == PixelMode.DirectWeightGradient ? all + (long)part * width * filters : null;
                if (partial is not null) new Span<float>(partial, width * filters).Clear();
                for (int b = start; b < end; b++)
                {
                    float* x = image + (long)b * size;
                    if (mode == PixelMode.Col2Im) new Span<float>(x, size).Clear();
                    for (int oy = 0; oy < k.outputHeight; oy++)
                        for (int ox = 0; ox < k.outputWidth; ox++)
                        {
                            long pixel = ((long)b * k.outputHeight + oy) * k.outputWidth + ox;
                            switch (mode)
                            {
                                case PixelMode.Im2Col: Gather(x, oy, ox, other + pixel * width); break;
                                case PixelMode.Col2Im: Scatter(x, oy, ox, other + pixel * width); break;
                                case PixelMode.DirectForward:
                                    Gather(x, oy, ox, taps);
                                    Combine(taps, weights, other + pixel * filters, width, filters);
                                    break;
                                default:
                                    Gather(x, oy, ox, taps);
                                    Accumulate(taps, other + pixel * filters, partial, width, filters);
                                    break;
                            }
                        }
                }
            }
        }

        /// <summary>The pixel's taps in (ky, kx, c) order, zeros outside the image, then the bias's 1.</summary>
        private void Gather(float* x, int oy, int ox, float* row)
        {
            var k = conv;
            int c = k.channels;
            row[k.taps - 1] = 1;
            for (int ky = 0; ky < k.kernelHeight; ky++)
            {
                int iy = oy * k.stride - k.padding + ky;
                float* tap = row + ky * k.kernelWidth * c;
                for (int kx = 0; kx < k.kernelWidth; kx++, tap += c)
                {
                    int ix = ox * k.stride - k.padding + kx;
                    if ((uint)iy < (uint)k.height && (uint)ix < (uint)k.width) Copy(tap, x + ((long)iy * k.width + ix) * c, c);
                    else Clear(tap, c);
                }
            }
        }

        /// <summary>Adds the pixel's tap gradients back to where Gather read them.</summary>
        private void Scatter(float* dx, int oy, int ox, float* row)
        {
            var k = conv;
            int c = k.channels;
            for (int ky = 0; ky < k.kernelHeight; ky++)
            {
                int iy = oy * k.stride - k.padding + ky;
                float* tap = row + ky * k.kernelWidth * c;
                for (int kx = 0; kx < k.kernelWidth; kx++, tap += c)
                {
                    int ix = ox * k.stride - k.padding + kx;
                    if ((uint)iy < (uint)k.height && (uint)ix < (uint)k.width) Add(dx + ((long)iy * k.width + ix) * c, tap, c);
                }
            }
        }

        /// <summary>y[f] = Σ_t taps[t]·W'[t, f], vectorized over f.</summary>
        private static void Combine(float* taps, float* weights, float* y, int width, int filters)
        {
            int f = 0;
            if (Vector.IsHardwareAccelerated)
                for (; f <= filters - Vector<float>.Count; f += Vector<float>.Count)
                {
                    var sum = Vector<float>.Zero;
                    for (int t = 0; t < width; t++) sum = Vector.FusedMultiplyAdd(Vector.Create(taps[t]), Vector.Load(weights + t * filters + f), sum);
                    sum.Store(y + f);
                }
            for (; f < filters; f++)
            {
                float sum = 0;
                for (int t = 0; t < width; t++) sum = MathF.FusedMultiplyAdd(taps[t], weights[t * filters + f], sum);
                y[f] = sum;
            }
        }

        /// <summary>partial[t, f] += taps[t]·∂y[f], vectorized over f.</summary>
        private static void Accumulate(float* taps, float* dy, float* partial, int width, int filters)
        {
            for (int t = 0; t < width; t++)
            {
                float* row = partial + t * filters;
                var tap = Vector.Create(taps[t]);
                int f = 0;
                if (Vector.IsHardwareAccelerated)
                    for (; f <= filters - Vector<float>.Count; f += Vector<float>.Count)
                        Vector.FusedMultiplyAdd(tap, Vector.Load(dy + f), Vector.Load(row + f)).Store(row + f);
                for (; f < filters; f++) row[f] = MathF.FusedMultiplyAdd(taps[t], dy[f], row[f]);
            }
        }

        // Taps are often a single channel: a span call per value would cost more than the value.
        private static void Copy(float* target, float* source, int count)
        {
            if (count < 8) for (int i = 0; i < count; i++) target[i] = source[i];
            else new ReadOnlySpan<float>(source, count).CopyTo(new Span<float>(target, count));
        }

        private static void Clear(float* target, int count)
        {
            if (count < 8) for (int i = 0; i < count; i++) target[i] = 0;
            else new Span<float>(target, count).Clear();
        }

        private static void Add(float* target, float* source, int count)
        {
            if (count < 8) for (int i = 0; i < count; i++) target[i] += source[i];
            else
            {
                var t = new Span<float>(target, count);
                TensorPrimitives.Add(t, new ReadOnlySpan<float>(source, count), t);
            }
        }
    }
}
