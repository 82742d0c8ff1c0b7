using System.Diagnostics;
using System.Runtime.InteropServices;
using Steepest.Distributed.Reducers;
using Steepest.LinearAlgebra;

namespace Steepest.Distributed;

/// <summary>
/// Times all-reduce implementations against each other in one run, as nccl-tests does: untimed warm-ups, then
/// repetitions in which the strategies take turns (each round starting with the next one), so that drift on a shared machine hits every strategy alike. Each
/// repetition's time is the slowest rank's; the result is the median over repetitions. Every strategy's result is
/// checked against the first's on every rank before any time counts: a fast wrong answer is not a benchmark.
/// </summary>
public static class AllReduceBenchmark
{
    private const int GatherTag = 94;

    /// <summary>
    /// Collective over <paramref name="comm"/>. Runs each reducer on the same seeded gradient of
    /// <paramref name="parameters"/> values; returns on rank 0, per reducer, the median of the slowest rank's seconds
    /// (null on the other ranks). <paramref name="sumScale"/>[i] maps reducer i's output to the first reducer's scale
    /// (n for an average compared with a sum, 1 otherwise).
    /// </summary>
    public static double[]? Run(ICommunicator comm, IReadOnlyList<IGradientReducer> reducers, int parameters, int warmup, int repeat,
        IReadOnlyList<float>? sumScale = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(reducers);
        if (reducers.Count == 0) throw new ArgumentException("needs at least one reducer", nameof(reducers));
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        float[] input = SeededGradients.For(seed, comm.Rank, parameters);
        var buffer = AlignedMemory.Allocate<float>(parameters); // as ReductionExperiment's: see AlignedMemory
        var reference = new float[parameters];
        var times = new double[reducers.Count * repeat];
        for (int round = -Math.Max(1, warmup); round < repeat; round++)
        {
            // Each round starts with a different strategy, so none always follows the same one (caches, scheduling).
            for (int turn = 0; turn < reducers.Count; turn++)
            {
                int k = (turn + Math.Max(0, round)) % reducers.Count;
                input.CopyTo(buffer.Span);
                comm.Barrier();
                long start = Stopwatch.GetTimestamp();
                reducers[k].Average(buffer.Span);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (round >= 0) times[k * repeat + round] = seconds;
                if (round == -Math.Max(1, warmup)) Verify(buffer.Span, reference, k, sumScale?[k] ?? 1f, reducers[k].Name, comm.Rank);
            }
        }
        if (comm.Rank != 0)
        {
            comm.Send(MemoryMarshal.AsBytes(times.AsSpan()), 0, GatherTag);
            return null;
        }
        var slowest = (double[])times.Clone();
        var other = new double[times.Length];
        for (int source = 1; source < comm.Size; source++)
        {
            comm.Receive(MemoryMarshal.AsBytes(other.AsSpan()), source, GatherTag);
            for (int i = 0; i < slowest.Length; i++) slowest[i] = Math.Max(slowest[i], other[i]);
        }
        var medians = new double[reducers.Count];
        for (int k = 0; k < reducers.Count; k++) medians[k] = Median(slowest.AsSpan(k * repeat, repeat));
        return medians;
    }

    private static void Verify(ReadOnlySpan<float> result, float[] reference, int index, float scale, string name, int rank)
    {
        if (index == 0)
        {
            result.CopyTo(reference);
            return;
        }
        double largest = 0, worst = 0;
        for (int i = 0; i < result.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(reference[i]));
            worst = Math.Max(worst, Math.Abs((double)result[i] * scale - reference[i]));
        }
        if (!(worst <= 1e-5 * Math.Max(largest, 1e-30)))
            throw new CommunicationException($"rank {rank}: {name} disagrees with the reference all-reduce (max deviation {worst:G3} of {largest:G3})");
    }

    /// <summary>The middle value (the mean of the two middle values for an even count).</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
