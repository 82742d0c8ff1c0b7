using System.Diagnostics;

namespace Steepest.Cli.Benchmarks;

/// <summary>Wall-clock timing helpers for the benchmarks.</summary>
public static class Timing
{
    /// <summary>Seconds taken by one call of <paramref name="action"/>.</summary>
    public static double Seconds(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The median of the samples (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples");
        var sorted = samples.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}
