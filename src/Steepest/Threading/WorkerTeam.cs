using System.Runtime.ExceptionServices;

namespace Steepest.Threading;

/// <summary>
/// A fixed team of background threads for data-parallel kernels (GEMM bands, optimizer chunks, the triad):
/// <see cref="Run"/> executes body(0) on the calling thread and body(1..count−1) on team threads, then joins.
/// </summary>
/// <remarks>
/// Unlike Parallel.For, a partition is never silently taken over by the caller when a pool thread is slow to
/// start, so a 2-way split really runs 2-way. One caller at a time owns the team; a concurrent caller (already
/// running in parallel with others, e.g. one of several in-process training workers) runs its partitions
/// serially instead of oversubscribing the cores.
/// </remarks>
internal static class WorkerTeam
{
    private static readonly Lock Gate = new();
    private static readonly List<Worker> Workers = [];

    /// <summary>Runs body(t) for every t in [0, count), in parallel when the team is free.</summary>
    public static void Run(int count, Action<int> body)
    {
        if (count <= 1) { if (count == 1) body(0); return; }
        if (!Gate.TryEnter())
        {
            for (int t = 0; t < count; t++) body(t);
            return;
        }
        try
        {
            while (Workers.Count < count - 1) Workers.Add(new Worker(Workers.Count + 1));
            using var done = new CountdownEvent(count - 1);
            for (int t = 1; t < count; t++) Workers[t - 1].Start(body, t, done);
            Exception? own = null;
            try { body(0); }
            catch (Exception e) { own = e; }
            done.Wait();
            if (own is not null) ExceptionDispatchInfo.Capture(own).Throw();
            for (int t = 1; t < count; t++)
                if (Workers[t - 1].TakeFailure() is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            Gate.Exit();
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim go = new(false, spinCount: 200);
        private Action<int>? body;
        private int index;
        private CountdownEvent? done;
        private Exception? failure;

        public Worker(int number)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"steepest-worker-{number}" };
            thread.Start();
        }

        public void Start(Action<int> work, int t, CountdownEvent finished)
        {
            body = work;
            index = t;
            done = finished;
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
                go.Wait();
                go.Reset();
                try { body!(index); }
                catch (Exception e) { failure = e; }
                finally
                {
                    body = null;
                    done!.Signal();
                }
            }
        }
    }
}
