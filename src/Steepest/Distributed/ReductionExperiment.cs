using System.Diagnostics;
using System.Runtime.InteropServices;
using Steepest.Distributed.Reducers;
using Steepest.LinearAlgebra;

namespace Steepest.Distributed;

/// <summary>
/// Runs a reduction strategy for real with seeded random gradients: counts what it sends, times it (median over
/// repeats of the slowest rank), checks the result against the exact average (or the exact majority vote for sign),
/// and prices its critical path with the α–β–γ model. Works on any communicator: in-process threads or MPI processes.
/// </summary>
public static class ReductionExperiment
{
    private const int GatherTag = 93;

    /// <summary>Measures <paramref name="strategy"/> with <paramref name="workers"/> in-process workers.</summary>
    public static ReductionMeasurement Run(string strategy, int workers, int parameters, AlphaBetaModel model,
        int repeat = 3, int seed = 0, bool errorFeedback = false, TimeSpan? timeout = null, int? failingWorker = null)
    {
        Validate(strategy, workers, parameters, repeat);
        int ranks = GradientReducers.RanksFor(strategy, workers);
        return InProcessGroup.Run(ranks, comm => RunCollective(comm, strategy, parameters, model, repeat, seed, errorFeedback, failingWorker), timeout)[0]!;
    }

    /// <summary>
    /// Collective: every rank of <paramref name="comm"/> calls it; the strategy uses all ranks (the parameter server's
    /// last rank as server). Returns the measurement on rank 0 and null on the others.
    /// </summary>
    public static ReductionMeasurement? RunCollective(ICommunicator comm, string strategy, int parameters, AlphaBetaModel model,
        int repeat = 3, int seed = 0, bool errorFeedback = false, int? failingWorker = null, Func<ICommunicator, IGradientReducer>? reducerFactory = null)
    {
        if (reducerFactory is null && !GradientReducers.IsKnown(strategy)) throw new ArgumentException($"unknown strategy '{strategy}'");
        var reducer = reducerFactory?.Invoke(comm) ?? GradientReducers.Create(strategy, comm, errorFeedback);
        // The reducer knows its topology: the parameter server's last rank is its server, not a worker.
        int workers = reducer.Workers;
        Validate(strategy, workers, parameters, repeat, reducerFactory is not null);
        float[] input = comm.Rank < workers ? SeededGradients.For(seed, comm.Rank, parameters) : new float[parameters];
        // The reduced buffer starts on a cache line on every rank, as training's does (AlignedMemory: MPI copied 2–2.5×
        // slower between two ranks' buffers 8–24 bytes apart modulo 64).
        var buffer = AlignedMemory.Allocate<float>(parameters).Span;
        // Untimed warm-up reductions, as nccl-tests does: a strategy's first calls touch fresh pages for its buffers (slow
        // in a virtual machine) and run code the JIT has not finished with, which would be timed as communication. With
        // error feedback the reducer carries state from call to call, so a second instance warms up instead.
        var warmUp = errorFeedback ? reducerFactory?.Invoke(comm) ?? GradientReducers.Create(strategy, comm, errorFeedback) : reducer;
        // Small reductions take many calls to reach steady code; large ones are bound by memory after one or two.
        int warmUps = (int)Math.Clamp((1L << 25) / ((long)parameters * comm.Size), 2, 20);
        for (int w = 0; w < warmUps; w++)
        {
            input.CopyTo(buffer);
            warmUp.Average(buffer);
        }
        float[]? first = null;
        var times = new double[repeat];
        var traffic = new TrafficCounter();
        for (int r = 0; r < repeat; r++)
        {
            input.CopyTo(buffer);
            comm.Barrier();
            reducer.Traffic.Reset();
            long start = Stopwatch.GetTimestamp();
            if (r == 0 && failingWorker == comm.Rank) throw new InvalidOperationException($"injected failure on worker {comm.Rank}");
            reducer.Average(buffer);
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            first ??= buffer.ToArray();
            if (r == 0) traffic.Add(reducer.Traffic);
        }
        ulong hash = Fingerprint(first!);

        // Everything rank 0 needs from each rank, as doubles: times, counters, and the hash of its result.
        double[] Report() => [.. times, traffic.Messages, traffic.NonEmptyMessages, traffic.Bytes, traffic.MinMessageValues, traffic.MaxMessageValues,
            traffic.MinMessageBytes, traffic.MaxMessageBytes, BitConverter.UInt64BitsToDouble(hash)];
        int length = repeat + 8;
        if (comm.Rank != 0)
        {
            comm.Send(MemoryMarshal.AsBytes(Report().AsSpan()), 0, GatherTag);
            return null;
        }
        var reports = new double[comm.Size][];
        reports[0] = Report();
        for (int source = 1; source < comm.Size; source++)
        {
            reports[source] = new double[length];
            comm.Receive(MemoryMarshal.AsBytes(reports[source].AsSpan()), source, GatherTag);
        }
        long Sum(int k) => reports.Sum(x => (long)x[repeat + k]);
        long Min(int k) => reports.Where(x => x[repeat] > 0).Select(x => (long)x[repeat + k]).DefaultIfEmpty(0).Min();
        long Max(int k) => reports.Select(x => (long)x[repeat + k]).Max();
        var slowest = Enumerable.Range(0, repeat).Select(r => reports.Max(x => x[r])).Order().ToArray();
        double seconds = slowest.Length % 2 == 1 ? slowest[slowest.Length / 2] : 0.5 * (slowest[slowest.Length / 2 - 1] + slowest[slowest.Length / 2]);
        bool agree = reports.All(x => x[repeat + 7].Equals(reports[0][repeat + 7]));
        double error = strategy == "sign" ? SignError(first!, workers, parameters, seed) : AverageError(first!, workers, parameters, seed);
        var plan = reducer.Plan(parameters);
        return new ReductionMeasurement
        {
            Strategy = reducer.Name,
            Workers = workers,
            Ranks = comm.Size,
            Parameters = parameters,
            Plan = plan,
            Messages = Sum(0),
            NonEmptyMessages = Sum(1),
            MessageValuesMin = Min(3),
            MessageValuesMax = Max(4),
            MessageBytesMin = Min(5),
            MessageBytesMax = Max(6),
            TotalBytes = Sum(2),
            BytesPerWorker = reports.Take(workers).Max(x => (long)x[repeat + 2]),
            BusiestRankBytes = Max(2),
            Seconds = seconds,
            ModelSeconds = plan.Messages == 0 && reducerFactory is not null ? double.NaN : model.Predict(plan),
            // Every rank must hold the same bits (hashes); rank 0's result is then checked against the exact answer.
            MaxRelativeError = agree ? error : double.PositiveInfinity,
            ResultFingerprint = hash,
        };
    }

    /// <summary>FNV-1a over the result's bits, 64 bits at a time: equal fingerprints mean (almost surely) equal results.</summary>
    private static ulong Fingerprint(float[] values)
    {
        ulong hash = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<float, ulong>(values.AsSpan(0, values.Length & ~1));
        foreach (ulong word in words) hash = (hash ^ word) * 1099511628211UL;
        if ((values.Length & 1) == 1) hash = (hash ^ BitConverter.SingleToUInt32Bits(values[^1])) * 1099511628211UL;
        return hash;
    }

    private static void Validate(string strategy, int workers, int parameters, int repeat, bool custom = false)
    {
        if (!custom && !GradientReducers.IsKnown(strategy)) throw new ArgumentException($"unknown strategy '{strategy}'");
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "needs at least one worker");
        if (parameters < 1) throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "needs at least one parameter");
        if (repeat < 1) throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "needs at least one repetition");
    }

    private static double AverageError(float[] result, int workers, int parameters, int seed)
    {
        var exact = new double[parameters];
        for (int w = 0; w < workers; w++)
        {
            float[] g = SeededGradients.For(seed, w, parameters);
            for (int i = 0; i < parameters; i++) exact[i] += g[i];
        }
        double scale = 0, worst = 0;
        for (int i = 0; i < parameters; i++) scale = Math.Max(scale, Math.Abs(exact[i] /= workers));
        for (int i = 0; i < parameters; i++) worst = Math.Max(worst, Math.Abs(result[i] - exact[i]));
        return scale == 0 ? worst : worst / scale;
    }

    private static double SignError(float[] result, int workers, int parameters, int seed)
    {
        var plus = new int[parameters];
        for (int w = 0; w < workers; w++)
        {
            float[] g = SeededGradients.For(seed, w, parameters);
            for (int i = 0; i < parameters; i++) if (g[i] >= 0) plus[i]++;
        }
        long wrong = 0;
        for (int i = 0; i < parameters; i++)
            if (result[i] != (2 * plus[i] >= workers ? 1f : -1f)) wrong++;
        return (double)wrong / parameters;
    }
}
