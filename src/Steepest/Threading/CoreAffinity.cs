using System.Runtime.InteropServices;

namespace Steepest.Threading;

/// <summary>
/// Pins the calling thread to some of the cores this process may run on, as mpirun binds each rank to its core: an
/// in-process rank that the scheduler moves between cores arrives at caches its neighbour just filled, and loses about a
/// tenth of its compute to it. Linux only (sched_setaffinity on the calling thread); elsewhere it does nothing.
/// </summary>
internal static unsafe partial class CoreAffinity
{
    // 1,024 cores, the glibc cpu_set_t; larger machines keep floating threads (the call fails and is ignored).
    private const int MaskWords = 16;

    /// <summary>The cores this thread may run on, ascending, or null where that cannot be asked.</summary>
    public static int[]? Allowed()
    {
        if (!OperatingSystem.IsLinux()) return null;
        ulong* mask = stackalloc ulong[MaskWords];
        if (sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0) return null;
        var cores = new List<int>();
        for (int word = 0; word < MaskWords; word++)
            for (int bit = 0; bit < 64; bit++)
                if ((mask[word] >> bit & 1) != 0) cores.Add(word * 64 + bit);
        return [.. cores];
    }

    /// <summary>Restricts the calling thread to <paramref name="cores"/>; false where the system refused or cannot.</summary>
    public static bool Pin(ReadOnlySpan<int> cores)
    {
        if (!OperatingSystem.IsLinux() || cores.IsEmpty) return false;
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (int core in cores)
        {
            if (core < 0 || core >= MaskWords * 64) return false;
            mask[core / 64] |= 1UL << (core % 64);
        }
        return sched_setaffinity(0, MaskWords * sizeof(ulong), mask) == 0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nuint size, ulong* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nuint size, ulong* mask);
}
