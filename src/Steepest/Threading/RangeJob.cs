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
        parts = PartsFor(total, grain);
        if (parts == 1) Execute(0, 0, total);
        else WorkerTeam.Run(parts, this);
    }

    /// <summary>The number of parts the current run is split into: fixed by the count, the grain and the machine, never by how many threads are free.</summary>
    protected int Parts => parts;

    /// <summary>The parts <see cref="Run"/> will use for <paramref name="total"/> indices.</summary>
    public static int PartsFor(int total, int grain = 1) => Math.Clamp(total / Math.Max(1, grain), 1, Environment.ProcessorCount);

    /// <summary>Handles indices [start, end).</summary>
    protected virtual void Execute(int start, int end) => throw new NotSupportedException("override Execute(start, end) or Execute(part, start, end)");

    /// <summary>Handles indices [start, end) as part <paramref name="part"/> (for per-part partial results).</summary>
    protected virtual void Execute(int part, int start, int end) => Execute(start, end);

    void IWorkerJob.Execute(int part) => Execute(part, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
