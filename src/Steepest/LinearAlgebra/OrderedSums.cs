using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Reductions summed in one order on every machine. TensorPrimitives keeps as many partial sums as the widest
/// vector the hardware has (16 floats with AVX-512, 8 with AVX2), so a layer norm or a dual norm rounds differently
/// from one machine to the next and a seeded training run drifts apart in its last digits. Here a float reduction
/// always keeps 16 partial sums s_j = Σ_{i ≡ j (mod 16)} term_i over the whole 16-value blocks, folds them in halves
/// (v_j = s_j + s_{j+8}, w_j = v_j + v_{j+4}, then (w₀ + w₂) + (w₁ + w₃)), then adds the tail's terms in order; a
/// double reduction keeps 8 the same way. Two 256-bit vectors hold the partial sums; without them the same sums run on
/// scalars.
/// </summary>
internal static class OrderedSums
{
    /// <summary>Σ xᵢ.</summary>
    public static float Sum(ReadOnlySpan<float> x) => Reduce<float, Plain>(x, x, Vector256.IsHardwareAccelerated);

    /// <summary>Σ xᵢ², each term fused into its partial sum.</summary>
    public static float SumOfSquares(ReadOnlySpan<float> x) => Reduce<float, Square>(x, x, Vector256.IsHardwareAccelerated);

    /// <summary>Σ |xᵢ|.</summary>
    public static float SumOfMagnitudes(ReadOnlySpan<float> x) => Reduce<float, Magnitude>(x, x, Vector256.IsHardwareAccelerated);

    /// <summary>Σ xᵢ·yᵢ, each product fused into its partial sum.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Reduce<float, Product>(x, Same(x, y), Vector256.IsHardwareAccelerated);

    /// <summary>Σ xᵢ·yᵢ in double, each product fused into its partial sum.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Reduce<double, Product>(x, Same(x, y), Vector256.IsHardwareAccelerated);

    /// <summary>‖x‖₂ = √(Σ xᵢ²) in double.</summary>
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Reduce<double, Square>(x, x, Vector256.IsHardwareAccelerated));

    /// <summary>‖x − y‖₂ = √(Σ (xᵢ − yᵢ)²) in double.</summary>
    public static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Math.Sqrt(Reduce<double, SquaredDifference>(x, Same(x, y), Vector256.IsHardwareAccelerated));

    private static ReadOnlySpan<T> Same<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) =>
        y.Length == x.Length ? y : throw new ArgumentException($"the spans must have one length, got {x.Length} and {y.Length}", nameof(y));

    /// <summary>
    /// Two 256-bit vectors of partial sums over the whole blocks, folded in halves, then the tail in order;
    /// <paramref name="vectors"/> picks the path (tests run both).
    /// </summary>
    internal static T Reduce<T, TTerm>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, bool vectors) where T : unmanaged, INumber<T> where TTerm : struct, ITerm<T>
    {
        int lanes = Vector256<T>.Count, block = 2 * lanes;
        int body = x.Length / block * block;
        ref T xs = ref MemoryMarshal.GetReference(x), ys = ref MemoryMarshal.GetReference(y);
        Vector256<T> low = Vector256<T>.Zero, high = Vector256<T>.Zero;
        if (vectors)
        {
            for (int i = 0; i < body; i += block)
            {
                low = TTerm.Add(low, Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i));
                high = TTerm.Add(high, Vector256.LoadUnsafe(ref xs, (nuint)(i + lanes)), Vector256.LoadUnsafe(ref ys, (nuint)(i + lanes)));
            }
        }
        else if (body > 0)
        {
            Span<T> partial = stackalloc T[block];
            partial.Clear();
            for (int i = 0; i < body; i++) partial[i % block] = TTerm.Add(partial[i % block], x[i], y[i]);
            low = Vector256.Create<T>(partial[..lanes]);
            high = Vector256.Create<T>(partial[lanes..]);
        }
        var v = low + high;
        // Four sums left: (a + c) + (b + d). Floats fold their 8 lanes to 4 first; doubles have 4.
        T a, b, c, d;
        if (lanes == 8)
        {
            var w = v.GetLower() + v.GetUpper();
            (a, b, c, d) = (w[0], w[1], w[2], w[3]);
        }
        else (a, b, c, d) = (v[0], v[1], v[2], v[3]);
        T total = (a + c) + (b + d);
        for (int i = body; i < x.Length; i++) total = TTerm.Add(total, x[i], y[i]);
        return total;
    }

    /// <summary>How one term joins its partial sum, on lanes and on a scalar, with the same rounding.</summary>
    internal interface ITerm<T>
    {
        static abstract Vector256<T> Add(Vector256<T> sum, Vector256<T> x, Vector256<T> y);
        static abstract T Add(T sum, T x, T y);
    }

    /// <summary>s + x.</summary>
    internal readonly struct Plain : ITerm<float>, ITerm<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> s, Vector256<float> x, Vector256<float> y) => s + x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float s, float x, float y) => s + x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> s, Vector256<double> x, Vector256<double> y) => s + x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double s, double x, double y) => s + x;
    }

    /// <summary>fma(x, x, s).</summary>
    internal readonly struct Square : ITerm<float>, ITerm<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> s, Vector256<float> x, Vector256<float> y) => Vector256.FusedMultiplyAdd(x, x, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float s, float x, float y) => MathF.FusedMultiplyAdd(x, x, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> s, Vector256<double> x, Vector256<double> y) => Vector256.FusedMultiplyAdd(x, x, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double s, double x, double y) => Math.FusedMultiplyAdd(x, x, s);
    }

    /// <summary>s + |x|.</summary>
    internal readonly struct Magnitude : ITerm<float>, ITerm<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> s, Vector256<float> x, Vector256<float> y) => s + Vector256.Abs(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float s, float x, float y) => s + MathF.Abs(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> s, Vector256<double> x, Vector256<double> y) => s + Vector256.Abs(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double s, double x, double y) => s + Math.Abs(x);
    }

    /// <summary>fma(x, y, s).</summary>
    internal readonly struct Product : ITerm<float>, ITerm<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> s, Vector256<float> x, Vector256<float> y) => Vector256.FusedMultiplyAdd(x, y, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float s, float x, float y) => MathF.FusedMultiplyAdd(x, y, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> s, Vector256<double> x, Vector256<double> y) => Vector256.FusedMultiplyAdd(x, y, s);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double s, double x, double y) => Math.FusedMultiplyAdd(x, y, s);
    }

    /// <summary>fma(x − y, x − y, s).</summary>
    internal readonly struct SquaredDifference : ITerm<float>, ITerm<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> s, Vector256<float> x, Vector256<float> y) { var d = x - y; return Vector256.FusedMultiplyAdd(d, d, s); }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float s, float x, float y) { float d = x - y; return MathF.FusedMultiplyAdd(d, d, s); }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> s, Vector256<double> x, Vector256<double> y) { var d = x - y; return Vector256.FusedMultiplyAdd(d, d, s); }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double s, double x, double y) { double d = x - y; return Math.FusedMultiplyAdd(d, d, s); }
    }
}
