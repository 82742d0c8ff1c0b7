using Steepest.Distributed.Reducers;

namespace Steepest.Distributed;

/// <summary>
/// The α–β–γ cost model with contention. One stage of a reduction in which k transfers run at once through the
/// shared memory system costs (α·m + β·b)·max(1, k/κ) + (λ·l + γ·a)·max(1, k/cores): m messages of b bytes in all,
/// each slowed by the share of the machine a stream gets when k compete for κ streams' worth of bandwidth (the
/// max-rate model), and l bytes of local copies and a values added, slowed only when ranks outnumber cores. β, λ and
/// γ are those measured at the reduction's working set: a few MiB run from cache, hundreds from memory.
/// </summary>
/// <param name="Alpha">Latency per message, seconds.</param>
/// <param name="Beta">Transfer time per byte from memory, seconds (1/bandwidth of one stream).</param>
/// <param name="Gamma">Time per float addition from memory, seconds.</param>
public sealed record AlphaBetaModel(double Alpha, double Beta, double Gamma)
{
    /// <summary>κ: how many concurrent streams the machine serves at full speed; k &gt; κ streams each run k/κ times slower. ∞ is no contention.</summary>
    public double Parallelism { get; init; } = double.PositiveInfinity;

    /// <summary>β and γ at several working-set sizes, smallest first; empty prices everything at <see cref="Beta"/> and <see cref="Gamma"/>.</summary>
    public IReadOnlyList<WorkingSetRate> Rates { get; init; } = [];

    /// <summary>The calibration's measured slowdowns c(k) = t(k concurrent transfers)/t(one), from which κ was fitted.</summary>
    public IReadOnlyList<ContentionSample> Samples { get; init; } = [];

    /// <summary>The cores the ranks share: k ranks doing local work at once each run max(1, k/cores) times slower. ∞ never slows it.</summary>
    public double Cores { get; init; } = double.PositiveInfinity;

    /// <summary>max(1, k/κ): how much slower each of k concurrent transfers runs than one alone.</summary>
    public double Contention(int concurrent) => Math.Max(1, concurrent / Parallelism);

    /// <summary>max(1, k/cores): how much slower each of k ranks' local copies and additions run than one rank's alone.</summary>
    public double Oversubscription(int concurrent) => Math.Max(1, concurrent / Cores);

    /// <summary>(β, γ) at a working set of W bytes: interpolated in log W between the measured sizes, held constant beyond them.</summary>
    public (double Beta, double Gamma) RatesAt(long workingSetBytes)
    {
        var rate = RateAt(workingSetBytes);
        return (rate.Beta, rate.Gamma);
    }

    /// <summary>β, γ and the local copy rate at a working set of W bytes, interpolated in log W (a copy rate of 0 means β).</summary>
    public WorkingSetRate RateAt(long workingSetBytes)
    {
        if (Rates.Count == 0) return new WorkingSetRate(workingSetBytes, Beta, Gamma, Beta);
        static WorkingSetRate Complete(WorkingSetRate r) => r.Copy > 0 ? r : r with { Copy = r.Beta };
        if (workingSetBytes <= Rates[0].Bytes) return Complete(Rates[0]);
        for (int i = 1; i < Rates.Count; i++)
        {
            if (workingSetBytes > Rates[i].Bytes) continue;
            var (lo, hi) = (Complete(Rates[i - 1]), Complete(Rates[i]));
            double t = Math.Log((double)workingSetBytes / lo.Bytes) / Math.Log((double)hi.Bytes / lo.Bytes);
            return new WorkingSetRate(workingSetBytes, lo.Beta + t * (hi.Beta - lo.Beta), lo.Gamma + t * (hi.Gamma - lo.Gamma), lo.Copy + t * (hi.Copy - lo.Copy));
        }
        return Complete(Rates[^1]);
    }

    /// <summary>
    /// Σ over the plan's stages of times·((α·m + β_W·b)·max(1, k/κ) + (λ_W·l + γ_W·a)·max(1, k/cores)), with β_W
    /// (messages), λ_W (local copies) and γ_W (additions) the rates at the plan's working set W. κ is measured on
    /// transfers, and a rank's local passes run on its own core: they slow down only when ranks outnumber cores.
    /// A plan without stages is priced by its critical-path totals, α·m + β·b + γ·a.
    /// </summary>
    public double Predict(CommunicationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Steps.Count == 0) return Alpha * plan.CriticalMessages + Beta * plan.CriticalBytes + Gamma * plan.CriticalAdditions;
        var rate = RateAt(plan.WorkingSetBytes);
        double total = 0;
        foreach (var step in plan.Steps)
            total += step.Times * ((Alpha * step.Messages + rate.Beta * step.MessageBytes) * Contention(step.Concurrent)
                + (rate.Copy * step.LocalBytes + rate.Gamma * step.Additions) * Oversubscription(step.Concurrent));
        return total;
    }

    /// <summary>
    /// Collective: every rank calls it (needs ≥ 2 ranks) and gets the same model; see <see cref="ContentionCalibration"/>.
    /// </summary>
    public static AlphaBetaModel Measure(ICommunicator communicator, int largeBytes = 1 << 22, int rounds = 7, long largestWorkingSet = ContentionCalibration.DefaultRateWorkingSet,
        long contentionWorkingSet = ContentionCalibration.MinimumContentionWorkingSet) =>
        ContentionCalibration.Measure(communicator, largeBytes, rounds, largestWorkingSet, contentionWorkingSet);

    /// <summary>Seconds per float addition: the fastest of several timings of y ← y + x on vectors of <paramref name="length"/> floats.</summary>
    public static double MeasureAddition(int length, int rounds = 5) => ContentionCalibration.MeasureAddition(length, rounds);
}
