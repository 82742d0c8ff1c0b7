using System.Diagnostics;

namespace Steepest.Distributed;

/// <summary>
/// Runs a reduction strategy for real on an in-process group with seeded random gradients: counts what it sends,
/// times it (median over repeats of the slowest rank), checks every rank's result against the exact average
/// (or the exact majority vote for sign), and prices its critical path with the α–β–γ model.
/// </summary>
public static class ReductionExperiment
{
    /// <summary>Measures <paramref name="strategy"/> with <paramref name="workers"/> workers on gradients of <paramref name="parameters"/> values.</summary>
    /// <param name="strategy">A name from <see cref="GradientReducers.Names"/>.</param>
    /// <param name="workers">n ≥ 1.</param>
    /// <param name="parameters">p ≥ 1.</param>
    /// <param name="model">The cost model to price the schedule with.</param>
    /// <param name="repeat">Timed reductions; the first one's result is verified.</param>
    /// <param name="seed">Seed of the gradients.</param>
    /// <param name="errorFeedback">Error feedback for sign.</param>
    /// <param name="timeout">How long a send or receive waits for its partner.</param>
    /// <param name="failingWorker">Testing aid: this worker throws in its first reduction.</param>
    public static ReductionMeasurement Run(string strategy, int workers, int parameters, AlphaBetaModel model,
        int repeat = 3, int seed = 0, bool errorFeedback = false, TimeSpan? timeout = null, int? failingWorker = null)
    {
        if (!GradientReducers.IsKnown(strategy)) throw new ArgumentException($"unknown strategy '{strategy}'");
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "needs at least one worker");
        if (parameters < 1) throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "needs at least one parameter");
        if (repeat < 1) throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "needs at least one repetition");
        int ranks = GradientReducers.RanksFor(strategy, workers);

        var perRank = InProcessGroup.Run(ranks, comm =>
        {
            var reducer = GradientReducers.Create(strategy, comm, errorFeedback);
            float[] input = comm.Rank < workers ? SeededGradients.For(seed, comm.Rank, parameters) : new float[parameters];
            var buffer = new float[parameters];
            float[]? first = null;
            var times = new double[repeat];
            for (int r = 0; r < repeat; r++)
            {
                input.CopyTo(buffer, 0);
                comm.Barrier();
                reducer.Traffic.Reset();
                long start = Stopwatch.GetTimestamp();
                if (r == 0 && failingWorker == comm.Rank) throw new InvalidOperationException($"injected failure on worker {comm.Rank}");
                reducer.Average(buffer);
                times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                first ??= (float[])buffer.Clone();
            }
            var traffic = new TrafficCounter();
            traffic.Add(reducer.Traffic);
            return (Result: first!, Times: times, Traffic: traffic, Plan: reducer.Plan(parameters));
        }, timeout);

        var total = new TrafficCounter();
        foreach (var rank in perRank) total.Add(rank.Traffic);
        var slowest = Enumerable.Range(0, repeat).Select(r => perRank.Max(x => x.Times[r])).Order().ToArray();
        double seconds = slowest.Length % 2 == 1 ? slowest[slowest.Length / 2] : 0.5 * (slowest[slowest.Length / 2 - 1] + slowest[slowest.Length / 2]);
        var plan = perRank[0].Plan;
        return new ReductionMeasurement
        {
            Strategy = strategy,
            Workers = workers,
            Ranks = ranks,
            Parameters = parameters,
            Plan = plan,
            Messages = total.Messages,
            NonEmptyMessages = total.NonEmptyMessages,
            MessageValuesMin = total.MinMessageValues,
            MessageValuesMax = total.MaxMessageValues,
            MessageBytesMin = total.MinMessageBytes,
            MessageBytesMax = total.MaxMessageBytes,
            TotalBytes = total.Bytes,
            BytesPerWorker = perRank.Take(workers).Max(x => x.Traffic.Bytes),
            Seconds = seconds,
            ModelSeconds = model.Predict(plan),
            MaxRelativeError = strategy == "sign"
                ? SignError(perRank.Select(x => x.Result).ToArray(), workers, parameters, seed)
                : AverageError(perRank.Select(x => x.Result).ToArray(), workers, parameters, seed),
        };
    }

    private static double AverageError(float[][] results, int workers, int parameters, int seed)
    {
        var exact = new double[parameters];
        for (int w = 0; w < workers; w++)
        {
            float[] g = SeededGradients.For(seed, w, parameters);
            for (int i = 0; i < parameters; i++) exact[i] += g[i];
        }
        double scale = 0;
        for (int i = 0; i < parameters; i++) scale = Math.Max(scale, Math.Abs(exact[i] /= workers));
        double worst = 0;
        foreach (var result in results)
            for (int i = 0; i < parameters; i++) worst = Math.Max(worst, Math.Abs(result[i] - exact[i]));
        return scale == 0 ? worst : worst / scale;
    }

    private static double SignError(float[][] results, int workers, int parameters, int seed)
    {
        var plus = new int[parameters];
        for (int w = 0; w < workers; w++)
        {
            float[] g = SeededGradients.For(seed, w, parameters);
            for (int i = 0; i < parameters; i++) if (g[i] >= 0) plus[i]++;
        }
        long wrong = 0;
        foreach (var result in results)
            for (int i = 0; i < parameters; i++)
                if (result[i] != (2 * plus[i] >= workers ? 1f : -1f)) wrong++;
        return (double)wrong / ((long)parameters * results.Length);
    }
}
