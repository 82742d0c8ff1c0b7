using Steepest.Distributed.InProcess;

namespace Steepest.Distributed;

/// <summary>
/// The embedded transport: runs <c>size</c> ranks as threads of this process that exchange messages with exactly one
/// copy each (sender's memory → receiver's memory, matched by rendezvous, so no unbounded buffering).
/// If any rank throws, the group aborts: every other rank's waits fail at once and <see cref="Run"/> throws a
/// <see cref="RankFailedException"/> carrying the first failure. An unmatched send or receive times out.
/// </summary>
public static class InProcessGroup
{
    /// <summary>Default time a send or receive waits for its partner.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="body"/> on every rank and waits for all of them.</summary>
    public static void Run(int size, Action<ICommunicator> body, TimeSpan? timeout = null) =>
        Run(size, communicator => { body(communicator); return 0; }, timeout);

    /// <summary>Runs <paramref name="body"/> on every rank and returns the results indexed by rank.</summary>
    public static T[] Run<T>(int size, Func<ICommunicator, T> body, TimeSpan? timeout = null)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "a group needs at least one rank");
        var fabric = new InProcessFabric(size, timeout ?? DefaultTimeout);
        var results = new T[size];
        var threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            int rank = r;
            threads[r] = new Thread(() =>
            {
                try
                {
                    using var communicator = new InProcessCommunicator(fabric, rank);
                    results[rank] = body(communicator);
                }
                catch (Exception e)
                {
                    // Only the first failure is kept; a bystander's CommunicationAbortedException comes after it.
                    fabric.Abort(rank, e);
                }
            }, maxStackSize: 16 << 20) { IsBackground = true, Name = $"steepest-rank-{rank}" };
        }
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        if (fabric.FirstFailure is var (failedRank, cause))
        {
            if (cause is CommunicationAbortedException aborted) throw new RankFailedException(aborted.FailedRank, aborted.InnerException!);
            throw new RankFailedException(failedRank, cause);
        }
        return results;
    }
}
