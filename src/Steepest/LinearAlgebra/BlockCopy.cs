using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Steepest.LinearAlgebra;

/// <summary>
/// target ← source with 512- or 256-bit loads and stores, at the same speed whatever the two addresses are.
/// <c>Span.CopyTo</c> and <c>Buffer.MemoryCopy</c> hand copies above about 2 KB to the C library's memmove, which
/// uses <c>rep movsb</c> up to a few MiB; on AMD Zen 3 (glibc 2.36) that ran 12–30× slower whenever the target lay
/// 8, 16 or 24 bytes past the source modulo 64 (16 KB to 256 KB: 0.36 against 0.03 ns per byte). Two arrays of the
/// managed heap fall that way about three times in eight, so a message, a gradient flattened for a reduction or a
/// batch of inputs took ten times longer in one run than the next. This loop has no such case.
/// </summary>
public static class BlockCopy
{
    /// <summary>target[i] ← source[i] for i &lt; source.Length; overlapping spans are copied as memmove would.</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> target) where T : unmanaged
    {
        if (source.Length > target.Length) throw new ArgumentException($"source has {source.Length} values, target only {target.Length}", nameof(target));
        Copy(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(source)), ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(target)),
            (nuint)source.Length * (nuint)Unsafe.SizeOf<T>());
    }

    /// <summary><paramref name="bytes"/> bytes from <paramref name="source"/> to <paramref name="target"/>; overlapping regions are copied as memmove would.</summary>
    public static unsafe void Copy(void* source, void* target, nuint bytes) =>
        Copy(ref Unsafe.AsRef<byte>(source), ref Unsafe.AsRef<byte>(target), bytes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a reduction's first calls must not run unoptimized code
    private static void Copy(ref byte source, ref byte target, nuint bytes)
    {
        // Overlapping regions go to memmove: the aligned stores below rewrite bytes of the first 32, which may by then be
        // source bytes already overwritten.
        nint distance = Unsafe.ByteOffset(ref source, ref target);
        if (distance == 0) return;
        if ((nuint)Math.Abs(distance) < bytes)
        {
            Memmove(ref source, ref target, bytes);
            return;
        }
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 256 <= bytes; i += 256)
            {
                var a = Vector512.LoadUnsafe(ref source, i);
                var b = Vector512.LoadUnsafe(ref source, i + 64);
                var c = Vector512.LoadUnsafe(ref source, i + 128);
                var d = Vector512.LoadUnsafe(ref source, i + 192);
                a.StoreUnsafe(ref target, i);
                b.StoreUnsafe(ref target, i + 64);
                c.StoreUnsafe(ref target, i + 128);
                d.StoreUnsafe(ref target, i + 192);
            }
        }
        if (Vector256.IsHardwareAccelerated && bytes >= 32)
        {
            // One unaligned store of the first 32 bytes, then stores aligned to 32 bytes from the next boundary on (they
            // rewrite a few of those bytes with the same values): a store that splits two cache lines costs twice.
            if (i == 0)
            {
                Vector256.LoadUnsafe(ref source).StoreUnsafe(ref target);
                i = 32 - (nuint)(Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref target) & 31);
            }
            for (; i + 128 <= bytes; i += 128)
            {
                var a = Vector256.LoadUnsafe(ref source, i);
                var b = Vector256.LoadUnsafe(ref source, i + 32);
                var c = Vector256.LoadUnsafe(ref source, i + 64);
                var d = Vector256.LoadUnsafe(ref source, i + 96);
                a.StoreUnsafe(ref target, i);
                b.StoreUnsafe(ref target, i + 32);
                c.StoreUnsafe(ref target, i + 64);
                d.StoreUnsafe(ref target, i + 96);
            }
            for (; i + 32 <= bytes; i += 32) Vector256.LoadUnsafe(ref source, i).StoreUnsafe(ref target, i);
        }
        // The rest: under 32 bytes, or everything on hardware without SIMD.
        if (i < bytes) Memmove(ref Unsafe.Add(ref source, i), ref Unsafe.Add(ref target, i), bytes - i);
    }

    /// <summary>
    /// The runtime's memmove in pieces a span can hold: the last piece first when the target lies above the source, the
    /// first piece first when below, so that an overlap is copied right.
    /// </summary>
    private static void Memmove(ref byte source, ref byte target, nuint bytes)
    {
        bool downward = Unsafe.ByteOffset(ref source, ref target) > 0;
        for (nuint done = 0; done < bytes;)
        {
            int piece = (int)Math.Min(bytes - done, int.MaxValue);
            nuint at = downward ? bytes - done - (nuint)piece : done;
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, at), piece).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, at), piece));
            done += (nuint)piece;
        }
    }
}
