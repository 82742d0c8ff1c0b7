using Steepest.LinearAlgebra;
using System.Diagnostics;

namespace Steepest.Distributed;

// Rank 0's local rates: a copy (λ) and an addition (γ) at one working set, timed alone, fastest of several rounds.
public static partial class ContentionCalibration
{
    /// <summary>Seconds per byte of a local copy between two buffers of <paramref name="bytes"/> bytes: the fastest of several timings.</summary>
    public static double MeasureCopy(int bytes, int rounds = 5)
    {
        var source = Written(bytes);
        var target = Written(bytes);
        int repeats = Math.Max(1, (1 << 24) / bytes); // at least 16 MiB a round: milliseconds, over the timer's resolution
        double best = double.PositiveInfinity;
        for (int round = 0; round < Math.Max(rounds, 3); round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int repeat = 0; repeat < repeats; repeat++) BlockCopy.Copy<byte>(source.Span, target.Span);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / ((double)repeats * bytes));
        }
        return best;
    }

    /// <summary>Seconds per float addition: the fastest of several timings of y ← y + x on vectors of <paramref name="length"/> floats.</summary>
    public static double MeasureAddition(int length, int rounds = 5)
    {
        var x = new float[length];
        var y = new float[length];
        x.AsSpan().Fill(1f);
        y.AsSpan().Fill(1f);
        int repeats = Math.Max(1, (1 << 22) / length); // at least 16 MiB of x a round
        double best = double.PositiveInfinity;
        for (int round = 0; round < Math.Max(rounds, 3); round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int repeat = 0; repeat < repeats; repeat++) InCacheArithmetic.Add(y, x);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / ((double)repeats * length));
        }
        return best;
    }

    /// <summary>
    /// A buffer whose every page has been written, starting on a cache line as the reductions' buffers do
    /// (<see cref="AlignedMemory"/>). A fresh large array can be untouched pages that all map the kernel's one zero
    /// page, and reading those costs nothing: a copy from one timed only its writes, λ came out about 2× faster than a
    /// copy between real buffers, and a message sent from one read nothing.
    /// </summary>
    private static Memory<byte> Written(int bytes)
    {
        var buffer = AlignedMemory.Allocate<byte>(bytes, zeroed: false);
        buffer.Span.Fill(1);
        return buffer;
    }
}
