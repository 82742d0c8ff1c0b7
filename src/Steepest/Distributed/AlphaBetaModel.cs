using Steepest.LinearAlgebra;
using System.Diagnostics;

namespace Steepest.Distributed;

/// <summary>
/// The α–β(–γ) cost model: time = α·(messages on the critical path) + β·(bytes on the critical path)
/// + γ·(additions on the critical path).
/// </summary>
/// <param name="Alpha">Latency per message, seconds.</param>
/// <param name="Beta">Transfer time per byte, seconds (1/bandwidth).</param>
/// <param name="Gamma">Time per float addition of the reduction, seconds.</param>
public sealed record AlphaBetaModel(double Alpha, double Beta, double Gamma)
{
    /// <summary>α·m + β·b + γ·a for the plan's critical path.</summary>
    public double Predict(CommunicationPlan plan) =>
        Alpha * plan.CriticalMessages + Beta * plan.CriticalBytes + Gamma * plan.CriticalAdditions;

    private const int PingTag = 90, ModelTag = 91;

    /// <summary>
    /// Collective (every rank calls it; needs ≥ 2 ranks): ranks 0 and 1 ping-pong. α is the one-way time of an empty
    /// message; β is the slope of one-way time between messages of <paramref name="largeBytes"/>/16 and
    /// <paramref name="largeBytes"/> bytes, so latency noise cancels. Each time is the minimum over
    /// <paramref name="rounds"/> rounds (the usual ping-pong estimate on a shared machine). Rank 0 also times vector
    /// additions for γ, then sends the model to every other rank.
    /// </summary>
    public static AlphaBetaModel Measure(ICommunicator communicator, int largeBytes = 1 << 24, int rounds = 3)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        if (communicator.Size < 2) throw new ArgumentException("measuring α and β needs at least two ranks");
        if (largeBytes < 16) throw new ArgumentOutOfRangeException(nameof(largeBytes), largeBytes, "needs at least 16 bytes");
        int rank = communicator.Rank;
        var payload = new byte[8 * 3];
        if (rank <= 1)
        {
            // Messages cycle through buffers totalling more than a last-level cache, as a reduction's gradients do;
            // a single reused buffer would measure cache bandwidth instead of memory bandwidth.
            double OneWay(int bytes, int trips)
            {
                int count = bytes == 0 ? 1 : (int)Math.Clamp((64L << 20) / bytes, 2, 64);
                var buffers = Enumerable.Range(0, count).Select(_ => new byte[bytes]).ToArray();
                double best = double.PositiveInfinity;
                for (int round = 0; round < rounds; round++)
                {
                    communicator.Barrier2(rank);
                    long start = Stopwatch.GetTimestamp();
                    for (int trip = 0; trip < trips; trip++)
                    {
                        var message = buffers[trip % count].AsSpan();
                        if (rank == 0) { communicator.Send(message, 1, PingTag); communicator.Receive(message, 1, PingTag); }
                        else { communicator.Receive(message, 0, PingTag); communicator.Send(message, 0, PingTag); }
                    }
                    best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / (2.0 * trips));
                }
                return best;
            }
            double alpha = OneWay(0, 100);
            int smallBytes = largeBytes / 16;
            double small = OneWay(smallBytes, 16), large = OneWay(largeBytes, 8);
            double beta = Math.Max(large - small, 0) / (largeBytes - smallBytes);
            if (beta == 0) beta = large / largeBytes; // noise swamped the slope; fall back to the plain ratio
            if (rank == 0)
            {
                double gamma = MeasureAddition(1 << 20, rounds);
                BitConverter.TryWriteBytes(payload.AsSpan(0, 8), alpha);
                BitConverter.TryWriteBytes(payload.AsSpan(8, 8), beta);
                BitConverter.TryWriteBytes(payload.AsSpan(16, 8), gamma);
            }
        }
        if (rank == 0)
            for (int peer = 1; peer < communicator.Size; peer++) communicator.Send(payload.AsSpan(), peer, ModelTag);
        else communicator.Receive(payload.AsSpan(), 0, ModelTag);
        return new AlphaBetaModel(BitConverter.ToDouble(payload, 0), BitConverter.ToDouble(payload, 8), BitConverter.ToDouble(payload, 16));
    }

    /// <summary>Seconds per float addition: the fastest of several timings of y ← y + x on vectors of <paramref name="length"/> floats.</summary>
    public static double MeasureAddition(int length, int rounds = 5)
    {
        var x = new float[length];
        var y = new float[length];
        InCacheArithmetic.Add(y, x);
        var samples = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int repeat = 0; repeat < 10; repeat++) InCacheArithmetic.Add(y, x);
            samples[round] = Stopwatch.GetElapsedTime(start).TotalSeconds / (10.0 * length);
        }
        return samples.Min();
    }
}
