using Steepest.LinearAlgebra;
using System.Diagnostics;

namespace Steepest.Distributed;

// Rank 0's local rates: a copy (λ) and an addition (γ) at one working set, timed alone, fastest of several rounds.
public static partial class ContentionCalibration
{
    /// <summary>Seconds per byte of a local copy between two buffers of <paramref name="bytes"/> bytes: the fastest of several timings.</summary>
    public static double MeasureCopy(int bytes, int rounds = 5)
    {
        var source = new byte[bytes];
        var target = new byte[bytes];
        source.AsSpan().CopyTo(target);
        int repeats = Math.Max(1, (1 << 26) / bytes);
        double best = double.PositiveInfinity;
        for (int round = 0; round < Math.Max(rounds, 3); round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int repeat = 0; repeat < repeats; repeat++) source.AsSpan().CopyTo(target);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / ((double)repeats * bytes));
        }
        return best;
    }

    /// <summary>Seconds per float addition: the fastest of several timings of y ← y + x on vectors of <paramref name="length"/> floats.</summary>
    public static double MeasureAddition(int length, int rounds = 5)
    {
        var x = new float[length];
        var y = new float[length];
        InCacheArithmetic.Add(y, x);
        int repeats = Math.Max(1, (1 << 24) / length);
        double best = double.PositiveInfinity;
        for (int round = 0; round < Math.Max(rounds, 3); round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int repeat = 0; repeat < repeats; repeat++) InCacheArithmetic.Add(y, x);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / ((double)repeats * length));
        }
        return best;
    }
}
