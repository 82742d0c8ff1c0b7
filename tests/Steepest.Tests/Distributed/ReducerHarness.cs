using Steepest.Distributed;
using Steepest.Distributed.Reducers;

namespace Steepest.Tests.Distributed;

/// <summary>Runs one reduction of seeded random gradients on an in-process group and collects every rank's view.</summary>
internal static class ReducerHarness
{
    public sealed record Outcome(float[][] Inputs, float[][] Results, TrafficCounter Traffic, CommunicationPlan Plan, int Workers);

    public static float[] Gradient(int seed, int rank, int p)
    {
        var random = new Random(seed * 7919 + rank);
        var g = new float[p];
        for (int i = 0; i < p; i++) g[i] = (float)(2 * random.NextDouble() - 1);
        return g;
    }

    public static Outcome Run(string strategy, int workers, int p, int seed = 1, Func<int, int, float[]>? inputs = null, bool errorFeedback = false)
    {
        int size = GradientReducers.RanksFor(strategy, workers);
        var given = new float[size][];
        var results = InProcessGroup.Run(size, comm =>
        {
            var reducer = GradientReducers.Create(strategy, comm, errorFeedback);
            var g = comm.Rank < workers ? (inputs?.Invoke(comm.Rank, p) ?? Gradient(seed, comm.Rank, p)) : new float[p];
            given[comm.Rank] = (float[])g.Clone();
            reducer.Average(g);
            return (g, reducer.Traffic, reducer.Plan(p));
        }, TimeSpan.FromSeconds(30));
        var total = new TrafficCounter();
        foreach (var r in results) total.Add(r.Traffic);
        return new Outcome(given, results.Select(r => r.g).ToArray(), total, results[0].Item3, workers);
    }

    /// <summary>The exact average of the workers' inputs, in double.</summary>
    public static double[] ExactAverage(Outcome outcome)
    {
        int p = outcome.Results[0].Length;
        var mean = new double[p];
        for (int w = 0; w < outcome.Workers; w++)
            for (int i = 0; i < p; i++) mean[i] += outcome.Inputs[w][i];
        for (int i = 0; i < p; i++) mean[i] /= outcome.Workers;
        return mean;
    }
}
