using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>
/// y = x·Φ(x), the exact (erf-based) GELU, with erf by Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7):
/// erf(a) = 1 − t·P(t)·e^(−a²), t = 1/(1 + 0.3275911·a). The backward pass is ∂x = ∂y·(Φ(x) + x·φ(x)), and
/// φ(x) = e^(−x²/2)/√(2π) reuses the same exponential. Vectorized in chunks through TensorPrimitives.
/// </summary>
public sealed class Gelu(string name, int[] shape) : Elementwise(name, shape)
{
    private const int Chunk = Block;

    /// <inheritdoc/>
    protected override int Grain => 16 * Chunk;

    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        Span<float> phi = stackalloc float[Chunk], e = stackalloc float[Chunk], t = stackalloc float[Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, n);
            Cdf(xs, phi[..n], e[..n], t[..n]);
            TensorPrimitives.Multiply(xs, phi[..n], y.Slice(at, n));
        }
    }

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Span<float> phi = stackalloc float[Chunk], e = stackalloc float[Chunk], t = stackalloc float[Chunk];
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - at);
            var xs = x.Slice(at, n);
            Cdf(xs, phi[..n], e[..n], t[..n]);
            // Φ + x·φ, with φ = e·(1/√(2π)).
            TensorPrimitives.Multiply(xs, e[..n], t[..n]);
            TensorPrimitives.MultiplyAdd(t[..n], 0.3989422804f, phi[..n], t[..n]);
            TensorPrimitives.Multiply(outputGradient.Slice(at, n), t[..n], inputGradient.Slice(at, n));
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
