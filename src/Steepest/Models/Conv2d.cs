using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
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
/// </summary>
public sealed unsafe class Conv2d : Module
{
    private readonly int height, width, channels, filters, kernelHeight, kernelWidth, stride, padding, outputHeight, outputWidth;
    private readonly int taps;
    private readonly float[] permuted, permutedGradient;
    private readonly Im2Col im2col;
    private float[] columns = [];

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
        im2col = new Im2Col(this);
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

    private int Pixels => outputHeight * outputWidth;

    /// <summary>W then b, uniform in ±1/√(in·kh·kw).</summary>
    public override void Initialize(SplitMix64 random)
    {
        float bound = 1 / MathF.Sqrt(taps - 1);
        foreach (var p in (Parameter[])[Weight, Bias])
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)((2 * random.NextDouble() - 1) * bound);
    }

    /// <inheritdoc/>
    protected override void AllocateCore(int batch) => columns = new float[(long)batch * Pixels * taps];

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
        fixed (float* x = input, cols = columns) im2col.Run(x, cols, batch, scatter: false);
        Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, new ReadOnlyMatrixSpan<float>(columns.AsSpan(0, rows * taps), rows, taps),
            new ReadOnlyMatrixSpan<float>(permuted, filters, taps), 0f, new MatrixSpan<float>(output, rows, filters));
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int rows = batch * Pixels;
        var dy = new ReadOnlyMatrixSpan<float>(outputGradient, rows, filters);
        var cols = columns.AsSpan(0, rows * taps);
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
        fixed (float* dx = inputGradient, dcols = columns) im2col.Run(dx, dcols, batch, scatter: true);
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

    /// <summary>
    /// im2col (cols[pixel, (ky, kx, c)] ← x[iy, ix, c], zero outside) or its adjoint col2im (∂x ← Σ taps), one
    /// example per index, so threads never write the same value and the sums keep one order.
    /// </summary>
    private sealed class Im2Col(Conv2d conv) : RangeJob
    {
        private float* image, cols;
        private bool scatter;

        public void Run(float* x, float* columns, int batch, bool scatter)
        {
            image = x;
            cols = columns;
            this.scatter = scatter;
            Run(batch);
        }

        protected override void Execute(int start, int end)
        {
            var k = conv;
            int c = k.channels, size = k.height * k.width * c, width = k.taps;
            for (int b = start; b < end; b++)
            {
                float* x = image + (long)b * size;
                if (scatter) new Span<float>(x, size).Clear();
                float* row = cols + (long)b * k.Pixels * width;
                for (int oy = 0; oy < k.outputHeight; oy++)
                    for (int ox = 0; ox < k.outputWidth; ox++, row += width)
                    {
                        if (!scatter) row[width - 1] = 1;
                        for (int ky = 0; ky < k.kernelHeight; ky++)
                        {
                            int iy = oy * k.stride - k.padding + ky;
                            float* tap = row + ky * k.kernelWidth * c;
                            for (int kx = 0; kx < k.kernelWidth; kx++, tap += c)
                            {
                                int ix = ox * k.stride - k.padding + kx;
                                bool inside = (uint)iy < (uint)k.height && (uint)ix < (uint)k.width;
                                float* pixel = x + ((long)iy * k.width + ix) * c;
                                if (scatter)
                                {
                                    if (inside) Add(pixel, tap, c);
                                }
                                else if (inside) Copy(tap, pixel, c);
                                else Clear(tap, c);
                            }
                        }
                    }
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
