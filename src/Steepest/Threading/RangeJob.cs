namespace Steepest.Threading;

/// <summary>
/// A loop over [0, count) split into contiguous ranges, one per <see cref="WorkerTeam"/> part. Each index is handled by
/// exactly one part, so results never depend on how many threads ran; a subclass keeps its operands in fields, which
/// makes <see cref="Run"/> allocation-free.
/// </summary>
internal abstract class RangeJob : IWorkerJob
{
    private int count, parts;

    /// <summary>Runs <see cref="Execute(int, int)"/> over [0, <paramref name="total"/>), on several threads when each gets at least <paramref name="grain"/> indices.</summary>
    public void Run(int total, int grain = 1)
    {
        if (total <= 0) return;
        count = total;
        parts = Math.Clamp(total / Math.Max(1, grain), 1, WorkerTeam.AvailableThreads);
        if (parts == 1) Execute(0, total);
        else WorkerTeam.Run(parts, this);
    }

    /// <summary>Handles indices [start, end).</summary>
    protected abstract void Execute(int start, int end);

    void IWorkerJob.Execute(int part) => Execute((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
