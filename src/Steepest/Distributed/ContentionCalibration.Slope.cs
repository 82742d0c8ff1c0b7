namespace Steepest.Distributed;

// β's slope: one pair's one-way times of two message sizes at a working set, and the slope between them.
public static partial class ContentionCalibration
{
    /// <summary>The sweeps β's rounds are spread over, for working sets up to <see cref="SweptWorkingSet"/>.</summary>
    private const int SlopeSweeps = 3;

    /// <summary>The largest working set whose β rounds are spread over sweeps.</summary>
    private const long SweptWorkingSet = 16L << 20;

    /// <summary>The message β is measured with at a working set of W bytes: m = min(largest, W/8), and m/16 beside it.</summary>
    private static (int Small, int Large) SlopeSizes(int largest, long workingSet)
    {
        int bytes = (int)Math.Max(16, Math.Min(largest, workingSet / 8));
        return (bytes / 16, bytes);
    }

    /// <summary>
    /// One pair's one-way times of messages of m/16 and m bytes, each cycling through buffers that fill W across the
    /// pair, the fastest of <paramref name="rounds"/> each: a late wake-up or a preempted rank makes a round slower,
    /// never faster, and with the median of 7 rounds β at 2 MiB ranged from 0.02 to 0.5 ns/byte between calibrations.
    /// </summary>
    private static (double Small, double Large) SlopeTimes(ICommunicator communicator, int rank, int largest, long workingSet, int rounds)
    {
        var (small, bytes) = SlopeSizes(largest, workingSet);
        return (Fastest(OneWay(communicator, rank, small, 1, 16, rounds, exchange: false, workingSet)),
            Fastest(OneWay(communicator, rank, bytes, 1, 8, rounds, exchange: false, workingSet)));
    }

    /// <summary>β at a working set: the slope of one-way time between the two message sizes (or their plain ratio when noise swamps it).</summary>
    private static double Slope(int largest, long workingSet, double tSmall, double tLarge)
    {
        var (small, bytes) = SlopeSizes(largest, workingSet);
        double slope = Math.Max(tLarge - tSmall, 0) / (bytes - small);
        return slope > 0 ? slope : tLarge / bytes;
    }
}
