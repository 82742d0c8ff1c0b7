using System.Runtime.ExceptionServices;

namespace Steepest.Threading;

/// <summary>
/// A fixed team of background threads for data-parallel kernels (GEMM bands, optimizer chunks, the triad):
/// <see cref="Run(int, IWorkerJob)"/> executes part 0 on the calling thread and parts 1..count−1 on team threads, then joins.
/// </summary>
/// <remarks>
/// Unlike Parallel.For, a partition is never silently taken over by the caller when a pool thread is slow to
/// start, so a 2-way split really runs 2-way. One caller at a time owns the team; a concurrent caller (already
/// running in parallel with others, e.g. one of several in-process training workers) runs its partitions
/// serially instead of oversubscribing the cores. The <see cref="IWorkerJob"/> form allocates nothing.
/// </remarks>
internal static class WorkerTeam
{
    [ThreadStatic] private static int budget;

    /// <summary>
    /// The threads a kernel called on this thread may use: the machine's cores, or the share this thread was given by
    /// <see cref="Limit"/> (an in-process training worker gets cores/ranks, so the workers' kernels together never
    /// ask for more threads than there are cores).
    /// </summary>
    public static int AvailableThreads => budget > 0 ? budget : Environment.ProcessorCount;

    /// <summary>Caps the threads of kernels called on this thread at <paramref name="threads"/> until the scope is disposed.</summary>
    public static Scope Limit(int threads)
    {
        int previous = budget;
        budget = Math.Max(1, threads);
        return new Scope(previous);
    }

    /// <summary>Restores the previous budget of the thread that called <see cref="Limit"/>.</summary>
    public readonly struct Scope(int previous) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => budget = previous;
    }

    private static readonly Lock Gate = new();
    private static readonly List<Worker> Workers = [];
    private static readonly CountdownEvent Done = new(1);

    /// <summary>Runs job.Execute(t) for every t in [0, count), in parallel when the team is free.</summary>
    public static void Run(int count, IWorkerJob job)
    {
        if (count <= 1) { if (count == 1) job.Execute(0); return; }
        // More parts than this thread's share of the cores: run them in turn rather than oversubscribe.
        if ((budget > 0 && count > budget) || !Gate.TryEnter())
        {
            for (int t = 0; t < count; t++) job.Execute(t);
            return;
        }
        try
        {
            while (Workers.Count < count - 1) Workers.Add(new Worker(Workers.Count + 1));
            Done.Reset(count - 1);
            var spin = new Spin();
            for (int t = 1; t < count; t++) Workers[t - 1].Start(job, t);
            Exception? own = null;
            try { job.Execute(0); }
            catch (Exception e) { own = e; }
            while (!Done.IsSet && spin.Next()) { }
            Done.Wait();
            if (own is not null) ExceptionDispatchInfo.Capture(own).Throw();
            for (int t = 1; t < count; t++)
                if (Workers[t - 1].TakeFailure() is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>Convenience form taking a delegate (allocates an adapter; use the job form on hot paths).</summary>
    public static void Run(int count, Action<int> body) => Run(count, new DelegateJob(body));

    private sealed class DelegateJob(Action<int> body) : IWorkerJob
    {
        public void Execute(int part) => body(part);
    }

    /// <summary>
    /// How long a waiting thread spins before it blocks. A blocked thread took 8 µs to wake in the median and 80–100 µs
    /// in one wake of four on this VM (the event's own spin ends in sleeps that a Set cannot cut short), while a
    /// Newton–Schulz step forks and joins five times within 3 ms, with single-threaded work between.
    /// </summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000;

    /// <summary>A bounded spin: pauses, yielding the core to any other runnable thread every few rounds.</summary>
    private struct Spin
    {
        private long deadline;
        private int rounds;

        /// <summary>Pauses once; false once the spin's time is up, when the caller should block.</summary>
        public bool Next()
        {
            if (rounds++ == 0) deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            else if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline) return false;
            Thread.SpinWait(16);
            if ((rounds & 7) == 0) Thread.Yield();
            return true;
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim go = new(false, spinCount: 1);
        private IWorkerJob? job;
        private int index;
        private Exception? failure;

        public Worker(int number)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"steepest-worker-{number}" };
            thread.Start();
        }

        public void Start(IWorkerJob work, int t)
        {
            job = work;
            index = t;
            go.Set();
        }

        public Exception? TakeFailure()
        {
            var f = failure;
            failure = null;
            return f;
        }

        private void Loop()
        {
            while (true)
            {
                var spin = new Spin();
                while (!go.IsSet && spin.Next()) { }
                go.Wait();
                go.Reset();
                try { job!.Execute(index); }
                catch (Exception e) { failure = e; }
                finally
                {
                    job = null;
                    Done.Signal();
                }
            }
        }
    }
}
