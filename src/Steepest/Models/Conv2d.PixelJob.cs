using System.Numerics;
using System.Numerics.Tensors;
using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.Threading;
using Steepest.LinearAlgebra;

namespace Steepest.Models;

// The per-pixel passes of Conv2d (im2col, col2im and the direct small-kernel passes), beside the layer's math in Conv2d.cs.
public sealed unsafe partial class Conv2d
{
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
            else BlockCopy.Copy(source, target, (nuint)count * sizeof(float));
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
