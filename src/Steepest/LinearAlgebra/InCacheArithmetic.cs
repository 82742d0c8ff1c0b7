using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Element-wise float kernels that keep their result in cache. TensorPrimitives switches to non-temporal stores
/// above a size threshold, which sends the result straight to memory and out of cache. That suits a result nobody
/// reads soon, but a reduction step's result is sent or added again right away: with a 2 MiB chunk that costs about
/// three times as long as this loop with ordinary stores. Each element is rounded exactly as the scalar expression
/// is (no fused multiply-add), so results are bitwise those of the obvious loop.
/// </summary>
public static class InCacheArithmetic
{
    /// <summary>target ← target + source, element-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a reduction's first calls must not run unoptimized code
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        if (source.Length != target.Length) throw new ArgumentException($"source has {source.Length} values, target {target.Length}", nameof(source));
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float s = ref MemoryMarshal.GetReference(source);
        nuint n = (nuint)target.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + 16 <= n; i += 16) Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref t, i) + Vector512.LoadUnsafe(ref s, i), ref t, i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= n; i += 8) Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref t, i) + Vector256.LoadUnsafe(ref s, i), ref t, i);
        for (; i < n; i++) Unsafe.Add(ref t, i) += Unsafe.Add(ref s, i);
    }

    /// <summary>target ← (target + source)·scale, element-wise: the sum is rounded, then the product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a reduction's first calls must not run unoptimized code
    public static void AddThenScale(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        if (source.Length != target.Length) throw new ArgumentException($"source has {source.Length} values, target {target.Length}", nameof(source));
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float s = ref MemoryMarshal.GetReference(source);
        nuint n = (nuint)target.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var k = Vector512.Create(scale);
            for (; i + 16 <= n; i += 16) Vector512.StoreUnsafe((Vector512.LoadUnsafe(ref t, i) + Vector512.LoadUnsafe(ref s, i)) * k, ref t, i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var k = Vector256.Create(scale);
            for (; i + 8 <= n; i += 8) Vector256.StoreUnsafe((Vector256.LoadUnsafe(ref t, i) + Vector256.LoadUnsafe(ref s, i)) * k, ref t, i);
        }
        for (; i < n; i++) Unsafe.Add(ref t, i) = (Unsafe.Add(ref t, i) + Unsafe.Add(ref s, i)) * scale;
    }

    /// <summary>target ← source·scale, element-wise (target may be source itself).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a reduction's first calls must not run unoptimized code
    public static void Scale(ReadOnlySpan<float> source, float scale, Span<float> target)
    {
        if (source.Length != target.Length) throw new ArgumentException($"source has {source.Length} values, target {target.Length}", nameof(source));
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float s = ref MemoryMarshal.GetReference(source);
        nuint n = (nuint)target.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var k = Vector512.Create(scale);
            for (; i + 16 <= n; i += 16) Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref s, i) * k, ref t, i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var k = Vector256.Create(scale);
            for (; i + 8 <= n; i += 8) Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s, i) * k, ref t, i);
        }
        for (; i < n; i++) Unsafe.Add(ref t, i) = Unsafe.Add(ref s, i) * scale;
    }

    /// <summary>target ← target·scale, element-wise.</summary>
    public static void Scale(Span<float> target, float scale) => Scale(target, scale, target);
}
