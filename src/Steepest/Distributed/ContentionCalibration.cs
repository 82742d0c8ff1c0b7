using Steepest.LinearAlgebra;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Steepest.Distributed;

/// <summary>
/// Fits the contention model on the transport in use. Ranks 0 and 1 ping-pong alone for β at working sets from 2 MiB
/// to 512 MiB, in three sweeps through them; then k transfers run at once, as j pairs ping-ponging (k = j) and as
/// j pairs exchanging both ways (k = 2j), for j = 1 … size/2, with empty and with large messages. κ is fitted to the
/// large messages' slowdowns c(k) ≈ max(1, k/κ) by least squares in log space, and α to the empty messages' times
/// t₀(k) ≈ α·max(1, k/κ). Rank 0 times vector additions for γ and local copies for λ at the same working sets.
/// </summary>
public static partial class ContentionCalibration
{
    private const int PingTag = 90, ModelTag = 91, ReportTag = 94;

    /// <summary>Collective (every rank calls it; needs ≥ 2 ranks): every rank returns the same fitted model.</summary>
    /// <param name="communicator">The ranks to calibrate on.</param>
    /// <param name="largeBytes">The large message size, bytes.</param>
    /// <param name="rounds">Rounds per measurement; the median is kept.</param>
    /// <param name="largestWorkingSet">The largest working set β and γ are measured at (the sizes are 2 MiB × 4ʲ up to it).</param>
    /// <param name="contentionWorkingSet">
    /// The bytes the concurrent transfers cycle through in all (at least <see cref="MinimumContentionWorkingSet"/>, at most
    /// <see cref="MaximumContentionWorkingSet"/>): size it to the reductions the model will price, with <see cref="ContentionWorkingSetFor"/>.
    /// </param>
    public static AlphaBetaModel Measure(ICommunicator communicator, int largeBytes = 1 << 22, int rounds = 7, long largestWorkingSet = DefaultRateWorkingSet,
        long contentionWorkingSet = MinimumContentionWorkingSet)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        if (communicator.Size < 2) throw new ArgumentException("measuring α and β needs at least two ranks");
        if (largeBytes < 16) throw new ArgumentOutOfRangeException(nameof(largeBytes), largeBytes, "needs at least 16 bytes");
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "needs at least one round");
        int rank = communicator.Rank, size = communicator.Size;
        contentionWorkingSet = Math.Clamp(contentionWorkingSet, MinimumContentionWorkingSet, MaximumContentionWorkingSet);
        long[] workingSets = [.. WorkingSets.Where(w => w <= Math.Max(largestWorkingSet, WorkingSets[0]))];

        // One idle pair: β as the slope between two message sizes, so latency noise cancels. The rounds of each working
        // set up to 16 MiB, a few milliseconds in all, are spread over several sweeps through them: a slow stretch of the
        // host then falls in one sweep of each size instead of in every round of one (in one calibration of three, the
        // 2 and 8 MiB slopes of two in-process ranks came out 5× the others, and 5× what their reductions then took).
        // A larger working set's rounds take tens of milliseconds each, and refilling its buffers for every sweep cost
        // more than the sweeps gained, so it runs its rounds in one pass.
        var betas = new double[workingSets.Length];
        if (rank <= 1)
        {
            var fastest = new (double Small, double Large)[workingSets.Length];
            Array.Fill(fastest, (double.PositiveInfinity, double.PositiveInfinity));
            int perSweep = (rounds + SlopeSweeps - 1) / SlopeSweeps;
            for (int sweep = 0; sweep < SlopeSweeps; sweep++)
                for (int w = 0; w < workingSets.Length; w++)
                {
                    bool swept = workingSets[w] <= SweptWorkingSet;
                    if (!swept && sweep > 0) continue;
                    var (small, large) = SlopeTimes(communicator, rank, largeBytes, workingSets[w], swept ? perSweep : rounds);
                    fastest[w] = (Math.Min(fastest[w].Small, small), Math.Min(fastest[w].Large, large));
                }
            for (int w = 0; w < workingSets.Length; w++) betas[w] = Slope(largeBytes, workingSets[w], fastest[w].Small, fastest[w].Large);
        }
        communicator.Barrier();

        // k transfers at once, of empty and of large messages. Idle ranks wait in the barriers, as a reduction's waiting
        // ranks do. Each round's time is its slowest stream's, and the median over rounds is kept: a reduction is timed
        // the same way. Latency is measured under contention too: once threads outnumber cores, every message waits
        // for its partner to be scheduled, which an idle pair never shows.
        var configurations = Configurations(size);
        int count = configurations.Count;
        var mine = new double[2 * count * rounds];
        for (int c = 0; c < count; c++)
        {
            var (pairs, exchange) = configurations[c];
            var empty = OneWay(communicator, rank, 0, pairs, 100, rounds, exchange, together: true);
            var large = OneWay(communicator, rank, largeBytes, pairs, 8, rounds, exchange, contentionWorkingSet, together: true);
            for (int r = 0; r < rounds; r++)
            {
                mine[c * rounds + r] = rank < 2 * pairs ? empty[r] : double.NaN;
                mine[(count + c) * rounds + r] = rank < 2 * pairs ? large[r] : double.NaN;
            }
        }

        // Each rank's report ends with where its process may run.
        int timings = mine.Length;
        mine = [.. mine, .. Placement()];
        int header = 3 * workingSets.Length;
        var payload = new double[header + 2 * count + 1];
        if (rank == 0)
        {
            var slowest = mine[..timings];
            var placements = new List<double[]> { mine[timings..] };
            var report = new double[mine.Length];
            for (int source = 1; source < size; source++)
            {
                communicator.Receive(MemoryMarshal.AsBytes(report.AsSpan()), source, ReportTag);
                for (int i = 0; i < timings; i++) if (!double.IsNaN(report[i])) slowest[i] = Math.Max(slowest[i], report[i]);
                placements.Add(report[timings..]);
            }
            payload[^1] = SharedCores(placements);
            for (int w = 0; w < workingSets.Length; w++)
            {
                payload[3 * w] = betas[w];
                payload[1 + 3 * w] = MeasureAddition((int)(workingSets[w] / 8), rounds); // x and y together fill W
                payload[2 + 3 * w] = MeasureCopy((int)(workingSets[w] / 2), rounds);
            }
            for (int c = 0; c < 2 * count; c++) payload[header + c] = Median(slowest.AsSpan(c * rounds, rounds));
            for (int peer = 1; peer < size; peer++) communicator.Send(MemoryMarshal.AsBytes(payload.AsSpan()), peer, ModelTag);
        }
        else
        {
            communicator.Send(MemoryMarshal.AsBytes(mine.AsSpan()), 0, ReportTag);
            communicator.Receive(MemoryMarshal.AsBytes(payload.AsSpan()), 0, ModelTag);
        }

        // The calibration's buffers are garbage now; collect them here rather than in the middle of a timed reduction.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        communicator.Barrier();
        double single = payload[header + count];
        var samples = configurations
            .Select((c, i) => new ContentionSample(c.Exchange ? 2 * c.Pairs : c.Pairs, c.Exchange ? "exchange" : "ping-pong",
                payload[header + count + i], payload[header + count + i] / single) { LatencySeconds = payload[header + i] })
            .ToArray();
        var rates = workingSets.Select((w, i) => new WorkingSetRate(w, payload[3 * i], payload[1 + 3 * i], payload[2 + 3 * i])).ToArray();
        double kappa = FitParallelism(samples);
        return new AlphaBetaModel(FitLatency(samples, kappa), rates[^1].Beta, rates[^1].Gamma)
        {
            Rates = rates,
            Parallelism = kappa,
            Cores = payload[^1],
            Samples = samples,
        };
    }

    /// <summary>
    /// κ minimizing Σ (ln c(k) − ln max(1, k/κ))² over the samples (a fine log-spaced grid: the objective is
    /// piecewise smooth in κ, so a grid is exact enough and never diverges). ∞ when no sample has k &gt; 1.
    /// </summary>
    public static double FitParallelism(IReadOnlyList<ContentionSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var useful = samples.Where(s => s.Concurrent > 1 && s.Slowdown > 0 && double.IsFinite(s.Slowdown)).ToArray();
        if (useful.Length == 0) return double.PositiveInfinity;
        int largest = useful.Max(s => s.Concurrent);
        double best = double.PositiveInfinity, bestError = double.PositiveInfinity;
        for (int i = 0; i <= 4000; i++)
        {
            // κ from 1/4 to beyond the largest k (where the model says "no contention").
            double kappa = 0.25 * Math.Pow(4.0 * largest * 2, i / 4000.0);
            double error = 0;
            foreach (var s in useful)
            {
                double residual = Math.Log(s.Slowdown) - Math.Log(Math.Max(1, s.Concurrent / kappa));
                error += residual * residual;
            }
            if (error < bestError - 1e-12) { bestError = error; best = kappa; }
        }
        return best;
    }

    /// <summary>
    /// α minimizing Σ (ln t₀(k) − ln(α·max(1, k/κ)))² over the empty-message samples: the geometric mean of
    /// t₀(k)/max(1, k/κ), so that α·max(1, k/κ) reproduces the latency at every measured k as nearly as one α can.
    /// </summary>
    public static double FitLatency(IReadOnlyList<ContentionSample> samples, double parallelism)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var useful = samples.Where(s => s.LatencySeconds > 0 && double.IsFinite(s.LatencySeconds)).ToArray();
        if (useful.Length == 0) return 0;
        return Math.Exp(useful.Average(s => Math.Log(s.LatencySeconds) - Math.Log(Math.Max(1, s.Concurrent / parallelism))));
    }

    /// <summary>(pairs, exchange) for j = 1 … size/2: ping-pong first, then exchange, so index 0 is the single pair.</summary>
    private static List<(int Pairs, bool Exchange)> Configurations(int size)
    {
        var list = new List<(int, bool)>();
        for (int pairs = 1; pairs <= size / 2; pairs++) list.Add((pairs, false));
        for (int pairs = 1; pairs <= size / 2; pairs++) list.Add((pairs, true));
        return list;
    }

    /// <summary>
    /// One-way seconds per message between rank and rank ^ 1 (ranks below 2·pairs take part), one per round.
    /// Messages cycle through buffers that fill <paramref name="workingSet"/> bytes across the pair (by default more
    /// than a last-level cache, as a large reduction's gradients do). With <paramref name="together"/>, every rank
    /// calls it and each round starts from a full barrier, so the pairs' transfers overlap; the ranks outside the
    /// pairs only wait.
    /// </summary>
    private static double[] OneWay(ICommunicator communicator, int rank, int bytes, int pairs, int trips, int rounds, bool exchange,
        long workingSet = 64L << 20, bool together = false)
    {
        bool active = rank < 2 * pairs;
        if (!active) bytes = 0;
        // Each buffer index is one message per rank of the pairs, and an exchange holds an inbox beside each, so the
        // pairs together touch the working set, no more. (An exchange touched twice it: two ranks exchanging 2 MB
        // messages through 24 MB of buffers ran 3× slower than one ping-pong, through 8 MB no slower.)
        int count = bytes == 0 ? 1 : (int)Math.Clamp(workingSet / ((exchange ? 4L : 2L) * bytes * Math.Max(1, pairs)), 1, 1024);
        var buffers = Enumerable.Range(0, count).Select(_ => Written(bytes)).ToArray();
        var inbox = exchange ? Enumerable.Range(0, count).Select(_ => Written(bytes)).ToArray() : buffers;
        int peer = rank ^ 1;
        var times = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            if (together) communicator.Barrier(); else communicator.Barrier2(rank);
            if (!active) continue;
            long start = Stopwatch.GetTimestamp();
            for (int trip = 0; trip < trips; trip++)
            {
                // Round after round the messages walk on through all the buffers, so the pair really cycles through the
                // working set rather than through its first few buffers, which a cache would hold.
                int next = (int)(((long)round * trips + trip) % count);
                var message = buffers[next].Span;
                if (exchange) communicator.SendReceive(message, peer, PingTag, inbox[next].Span, peer, PingTag);
                else if ((rank & 1) == 0) { communicator.Send(message, peer, PingTag); communicator.Receive(message, peer, PingTag); }
                else { communicator.Receive(message, peer, PingTag); communicator.Send(message, peer, PingTag); }
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            times[round] = exchange ? seconds / trips : seconds / (2.0 * trips);
        }
        return times;
    }

    private static double Fastest(double[] values) => values.Min();

    private static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
