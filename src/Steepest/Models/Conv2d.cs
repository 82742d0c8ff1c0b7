using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Norms;
using Steepest.Optimizers;

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
public sealed unsafe partial class Conv2d : Module
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
}
