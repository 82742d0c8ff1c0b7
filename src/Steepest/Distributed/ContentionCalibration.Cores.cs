using System.Diagnostics;
using System.Numerics;

namespace Steepest.Distributed;

// The cores the ranks share: the union of the CPUs each rank's process may run on.
public static partial class ContentionCalibration
{
    /// <summary>
    /// This process's placement: (mask bits 0–31, mask bits 32–63, Environment.ProcessorCount), each exact in a double.
    /// The mask is 0 where the platform does not report one, or where it cannot hold every CPU (more than 64).
    /// </summary>
    private static double[] Placement()
    {
        ulong mask = 0;
        if (Environment.ProcessorCount <= 64 && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            try { mask = (ulong)(long)Process.GetCurrentProcess().ProcessorAffinity; }
            catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.ComponentModel.Win32Exception) { mask = 0; }
        }
        return [mask & 0xFFFF_FFFFu, mask >> 32, Environment.ProcessorCount];
    }

    /// <summary>
    /// The cores the ranks run on together: the CPUs in the union of their affinity masks. Under mpirun each rank is
    /// bound to one core, so one process's processor count is 1 while two ranks run on two cores. Without every
    /// rank's mask, the largest processor count among the ranks.
    /// </summary>
    internal static int SharedCores(IEnumerable<double[]> placements)
    {
        ulong union = 0;
        int largest = 1;
        bool complete = true;
        foreach (var p in placements)
        {
            ulong mask = (ulong)p[0] | ((ulong)p[1] << 32);
            if (mask == 0) complete = false;
            union |= mask;
            largest = Math.Max(largest, (int)p[2]);
        }
        return complete ? Math.Max(1, BitOperations.PopCount(union)) : largest;
    }
}
