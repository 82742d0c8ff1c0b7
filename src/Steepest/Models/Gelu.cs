using System.Numerics.Tensors;
using Steepest.Threading;

namespace Steepest.Models;

/// <summary>
/// y = x·Φ(x), the exact (erf-based) GELU, with erf by Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7):
/// erf(a) = 1 − t·P(t)·e^(−a²), t = 1/(1 + 0.3275911·a). The backward pass is ∂x = ∂y·(Φ(x) + x·φ(x)), and
/// φ(x) = e^(−x²/2)/√(2π) reuses the same exponential. Vectorized in chunks through TensorPrimitives, split over threads.
/// </summary>
public sealed unsafe class Gelu : Module
{
    private const int Chunk = 256;
    private readonly Job job;

    /// <summary>GELU over examples of <paramref name="shape"/>.</summary>
    public Gelu(string name, int[] shape) : base(name, shape, shape) => job = new Job();

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

    /// <summary>Forward (dy null: target ← x·Φ(x)) or backward (target ← dy·(Φ + x·φ)) over [start, end).</summary>
    private sealed class Job : RangeJob
    {
        private float* x, dy, target;

        public void Start(float* input, float* outputGradient, float* result, int count)
        {
            x = input;
            dy = outputGradient;
            target = result;
            Run(count, grain: 16 * Chunk);
        }

        protected override void Execute(int start, int end)
        {
            Span<float> phi = stackalloc float[Chunk], e = stackalloc float[Chunk], t = stackalloc float[Chunk];
            for (int at = start; at < end; at += Chunk)
            {
                int n = Math.Min(Chunk, end - at);
                var xs = new ReadOnlySpan<float>(x + at, n);
                Cdf(xs, phi[..n], e[..n], t[..n]);
                var result = new Span<float>(target + at, n);
                if (dy is null)
                {
                    TensorPrimitives.Multiply(xs, phi[..n], result);
                    continue;
                }
                // Φ + x·φ, with φ = e·(1/√(2π)).
                TensorPrimitives.Multiply(xs, e[..n], t[..n]);
                TensorPrimitives.MultiplyAdd(t[..n], 0.3989422804f, phi[..n], t[..n]); // (t·c) + Φ
                TensorPrimitives.Multiply(new ReadOnlySpan<float>(dy + at, n), t[..n], result);
            }
        }

        /// <summary>phi ← Φ(x), e ← e^(−x²/2); t is scratch.</summary>
        private static void Cdf(ReadOnlySpan<float> x, Span<float> phi, Span<float> e, Span<float> t)
        {
            // a = |x|/√2; t = 1/(1 + p·a); e = exp(−a²).
            TensorPrimitives.Abs(x, e);
            TensorPrimitives.Multiply(e, 0.70710678f, e);
            TensorPrimitives.Multiply(e, 0.3275911f, t);
            TensorPrimitives.Add(t, 1f, t);
            TensorPrimitives.Reciprocal(t, t);
            TensorPrimitives.Multiply(e, e, e);
            TensorPrimitives.Negate(e, e);
            TensorPrimitives.Exp(e, e);
            // t·P(t) by Horner, then erf(a) = 1 − t·P(t)·e and Φ = ½(1 + sign(x)·erf(a)).
            TensorPrimitives.Multiply(t, 1.061405429f, phi);
            TensorPrimitives.Add(phi, -1.453152027f, phi);
            TensorPrimitives.MultiplyAdd(phi, t, 1.421413741f, phi);
            TensorPrimitives.MultiplyAdd(phi, t, -0.284496736f, phi);
            TensorPrimitives.MultiplyAdd(phi, t, 0.254829592f, phi);
            TensorPrimitives.Multiply(phi, t, phi);
            TensorPrimitives.Multiply(phi, e, phi);
            TensorPrimitives.Negate(phi, phi);
            TensorPrimitives.Add(phi, 1f, phi);
            TensorPrimitives.CopySign(phi, x, phi);
            TensorPrimitives.Multiply(phi, 0.5f, phi);
            TensorPrimitives.Add(phi, 0.5f, phi);
        }
    }
}
