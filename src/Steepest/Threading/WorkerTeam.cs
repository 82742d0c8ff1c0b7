using System.Runtime.ExceptionServices;

namespace Steepest.Threading;

/// <summary>
/// Teams of background threads for data-parallel kernels (GEMM bands, optimizer chunks, the triad):
/// <see cref="Run(int, IWorkerJob)"/> executes part 0 on the calling thread and parts 1..count−1 on team threads, then joins.
/// </summary>
/// <remarks>
/// Unlike Parallel.For, a partition is never silently taken over by the caller when a pool thread is slow to
/// start, so a 2-way split really runs 2-way. A thread without a share of the cores uses the shared team, one caller
/// at a time; a concurrent caller runs its partitions serially instead of oversubscribing the cores. A thread given a
/// share by <see cref="Limit"/> (an in-process training rank) gets a team of its own, share − 1 threads that live as long
/// as the scope, so every rank really computes on its share at once. The <see cref="IWorkerJob"/> form allocates nothing.
/// </remarks>
internal static class WorkerTeam
{
    [ThreadStatic] private static int budget;
    [ThreadStatic] private static Team? own;

    /// <summary>
    /// The threads a kernel called on this thread may use: the machine's cores, or the share this thread was given by
    /// <see cref="Limit"/> (an in-process training worker gets cores/ranks, so the workers' kernels together never
    /// ask for more threads than there are cores).
    /// </summary>
    public static int AvailableThreads => budget > 0 ? budget : Environment.ProcessorCount;

    /// <summary>Caps the threads of kernels called on this thread at <paramref name="threads"/> until the scope is disposed.</summary>
    public static Scope Limit(int threads)
    {
        var scope = new Scope(budget, own);
        budget = Math.Max(1, threads);
        own = null;
        return scope;
    }

    /// <summary>Restores the previous budget of the thread that called <see cref="Limit"/>, and ends the team the scope started.</summary>
    public readonly struct Scope(int previous, object? previousTeam) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            own?.Dispose();
            budget = previous;
            own = (Team?)previousTeam;
        }
    }

    private static readonly Team Shared = new(helperBudget: 0);

    /// <summary>Runs job.Execute(t) for every t in [0, count), in parallel when a team is free.</summary>
    public static void Run(int count, IWorkerJob job)
    {
        if (count <= 1) { if (count == 1) job.Execute(0); return; }
        // More parts than this thread's share of the cores: run them in turn rather than oversubscribe.
        if (budget > 0 && count > budget) { Serially(count, job); return; }
        // A limited thread's helpers run with a share of one, so a kernel nested in a part cannot start more threads.
        var team = budget > 0 ? own ??= new Team(helperBudget: 1) : Shared;
        if (!team.TryRun(count, job)) Serially(count, job);
    }

    private static void Serially(int count, IWorkerJob job)
    {
        for (int t = 0; t < count; t++) job.Execute(t);
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

    /// <summary>Helper threads, grown on demand, and the count of parts still running; one caller at a time.</summary>
    /// <param name="helperBudget">The share each helper thread runs with: 0 for none, 1 so that a nested kernel cannot fork.</param>
    private sealed class Team(int helperBudget) : IDisposable
    {
        private readonly Lock gate = new();
        private readonly List<Worker> workers = [];
        private readonly CountdownEvent done = new(1);

        private int HelperBudget => helperBudget;

        public bool TryRun(int count, IWorkerJob job)
        {
            if (!gate.TryEnter()) return false;
            try
            {
                while (workers.Count < count - 1) workers.Add(new Worker(this, workers.Count + 1));
                done.Reset(count - 1);
                var spin = new Spin();
                for (int t = 1; t < count; t++) workers[t - 1].Start(job, t);
                Exception? mine = null;
                try { job.Execute(0); }
                catch (Exception e) { mine = e; }
                while (!done.IsSet && spin.Next()) { }
                done.Wait();
                if (mine is not null) ExceptionDispatchInfo.Capture(mine).Throw();
                for (int t = 1; t < count; t++)
                    if (workers[t - 1].TakeFailure() is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
                return true;
            }
            finally
            {
                gate.Exit();
            }
        }

        /// <summary>Ends the helper threads (a private team's, when its owner's scope closes).</summary>
        public void Dispose()
        {
            lock (gate)
                foreach (var worker in workers) worker.Stop();
            done.Dispose();
        }

        private sealed class Worker
        {
            private readonly ManualResetEventSlim go = new(false, spinCount: 1);
            private readonly Team team;
            private IWorkerJob? job;
            private int index;
            private volatile bool stopping;
            private Exception? failure;

            public Worker(Team team, int number)
            {
                this.team = team;
                var thread = new Thread(Loop) { IsBackground = true, Name = $"steepest-worker-{number}" };
                thread.Start();
            }

            public void Start(IWorkerJob work, int t)
            {
                job = work;
                index = t;
                go.Set();
            }

            public void Stop()
            {
                stopping = true;
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
                budget = team.HelperBudget;
                while (true)
                {
                    var spin = new Spin();
                    while (!go.IsSet && spin.Next()) { }
                    go.Wait();
                    go.Reset();
                    if (stopping)
                    {
                        go.Dispose();
                        return;
                    }
                    try { job!.Execute(index); }
                    catch (Exception e) { failure = e; }
                    finally
                    {
                        job = null;
                        team.done.Signal();
                    }
                }
            }
        }
    }
}
