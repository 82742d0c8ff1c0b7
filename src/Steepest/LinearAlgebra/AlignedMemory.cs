using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Buffers whose first element sits on a 64-byte boundary (a cache line), pinned so that it stays there. A managed
/// array starts wherever the heap put it, 8 bytes apart from the next possibility, and Open MPI's messages ran
/// 2–2.5× slower between two ranks' buffers 8, 16 or 24 bytes apart modulo 64 than between aligned ones (256 KB–4 MB
/// messages, Open MPI 4.1 on AMD Zen 3, whose string copies have that slow case): a reduction was fast or slow
/// depending on where two processes' allocations happened to land. Messages between aligned buffers at the same
/// offsets are always the fast case.
/// </summary>
public static unsafe class AlignedMemory
{
    /// <summary>The alignment of the first element, bytes.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// A pinned buffer of <paramref name="length"/> elements starting on a 64-byte boundary (start mod 64 = 0), zeroed
    /// unless <paramref name="zeroed"/> is false (then its contents are whatever the memory held: fill it first).
    /// </summary>
    public static Memory<T> Allocate<T>(int length, bool zeroed = true) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int size = Unsafe.SizeOf<T>();
        if (Alignment % size != 0) throw new ArgumentException($"a {typeof(T).Name} of {size} bytes cannot start every {Alignment}-byte boundary");
        int slack = Alignment / size;
        var array = zeroed ? GC.AllocateArray<T>(checked(length + slack), pinned: true) : GC.AllocateUninitializedArray<T>(checked(length + slack), pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int skip = (int)((Alignment - address % Alignment) % Alignment) / size;
        return array.AsMemory(skip, length);
    }

    /// <summary>Whether <paramref name="span"/> starts on a 64-byte boundary.</summary>
    public static bool IsAligned<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)) % Alignment == 0;
}
