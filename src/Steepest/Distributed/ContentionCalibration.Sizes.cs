namespace Steepest.Distributed;

public static partial class ContentionCalibration
{
    /// <summary>The working sets β and γ are measured at: from within a core's cache to well beyond any last-level cache.</summary>
    public static IReadOnlyList<long> WorkingSetSizes => WorkingSets;

    private static readonly long[] WorkingSets = [2L << 20, 4L << 20, 8L << 20, 16L << 20, 32L << 20, 64L << 20, 128L << 20, 256L << 20, 512L << 20];

    /// <summary>The largest working set the rates are measured at unless a plan needs more: beyond most last-level caches.</summary>
    public const long DefaultRateWorkingSet = 128L << 20;

    /// <summary>
    /// The least the concurrent transfers cycle through: more than most last-level caches. A machine whose cache holds
    /// it (this one's L3 is 260 MB) shows cache contention there, far milder than memory's, so a reduction that streams
    /// from memory needs the calibration at its own working set.
    /// </summary>
    public const long MinimumContentionWorkingSet = 64L << 20;

    /// <summary>The most the concurrent transfers cycle through.</summary>
    public const long MaximumContentionWorkingSet = 512L << 20;

    /// <summary>The contention working set for reductions with these plans: the largest plan's working set, clamped to [64 MiB, 512 MiB].</summary>
    public static long ContentionWorkingSetFor(IEnumerable<Reducers.CommunicationPlan> plans) =>
        Math.Clamp(plans.Select(p => p.WorkingSetBytes).DefaultIfEmpty(0).Max(), MinimumContentionWorkingSet, MaximumContentionWorkingSet);

    /// <summary>
    /// The largest working set to measure β, λ and γ at for reductions with these plans: the smallest calibrated size
    /// that holds the largest plan's working set, and at least 128 MiB. Rates are held beyond the largest measured
    /// size, so a plan larger than it would be priced at a speed that a cache can still give.
    /// </summary>
    public static long RateWorkingSetFor(IEnumerable<Reducers.CommunicationPlan> plans)
    {
        long largest = plans.Select(p => p.WorkingSetBytes).DefaultIfEmpty(0).Max();
        return WorkingSets.FirstOrDefault(w => w >= largest && w >= DefaultRateWorkingSet, WorkingSets[^1]);
    }

    /// <summary>
    /// The message size to calibrate contention and β with for reductions with these plans: their largest message,
    /// within [64 KiB, 4 MiB]. Two cores copying 200 KB messages each within their own L2 contend far less than two
    /// copying 4 MiB through the shared cache and memory.
    /// </summary>
    public static int MessageBytesFor(IEnumerable<Reducers.CommunicationPlan> plans) =>
        (int)Math.Clamp(plans.Select(p => p.MessageValuesMax * sizeof(float)).DefaultIfEmpty(0).Max(), 64L << 10, 4L << 20);
}
