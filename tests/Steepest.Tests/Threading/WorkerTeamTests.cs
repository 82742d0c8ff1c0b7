using System.Collections.Concurrent;
using Steepest.LinearAlgebra;
using Steepest.Threading;

namespace Steepest.Tests.Threading;

/// <summary>A thread's share of the cores: kernels called under <see cref="WorkerTeam.Limit"/> use at most that many threads, and compute the same bits.</summary>
public sealed class WorkerTeamTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    public void ALimitedThreadNeverRunsMorePartsAtOnceThanItsShare(int share, int parts)
    {
        var threads = new ConcurrentDictionary<int, int>();
        var done = new ConcurrentBag<int>();
        using (WorkerTeam.Limit(share))
        {
            Assert.Equal(share, WorkerTeam.AvailableThreads);
            WorkerTeam.Run(parts, part => { threads[Environment.CurrentManagedThreadId] = part; done.Add(part); });
        }
        // Every part ran; more parts than the share ran in turn on the caller.
        Assert.Equal(Enumerable.Range(0, parts), done.Order());
        Assert.True(threads.Count <= share || threads.Count == 1, $"{threads.Count} threads for a share of {share}");
        if (parts > share) Assert.Single(threads);
        Assert.Equal(Environment.ProcessorCount, WorkerTeam.AvailableThreads);
    }

    [Fact]
    public void AnSgemmUnderAOneThreadShareGivesTheSameBits()
    {
        var random = new Random(3);
        int m = 300, k = 200, n = 250;
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] full = new float[m * n], limited = new float[m * n];
        Gemm.Multiply(a, b, full, m, k, n);
        using (WorkerTeam.Limit(1)) Gemm.Multiply(a, b, limited, m, k, n);
        Assert.Equal(full, limited);
    }

    [Fact]
    public void RanksWithAShareOfTwoEachComputeOnTwoThreadsAtOnce()
    {
        // Four parts must all be running at once to pass the barrier: with one shared team the second rank's parts
        // would run in turn on its own thread and never get there.
        using var everyone = new Barrier(4);
        var passed = new bool[2];
        var helpers = new Thread?[2];
        var failures = new Exception?[2];
        var ranks = Enumerable.Range(0, 2).Select(rank => new Thread(() =>
        {
            try
            {
                using (WorkerTeam.Limit(2))
                {
                    bool[] met = new bool[2];
                    WorkerTeam.Run(2, part =>
                    {
                        if (part == 1)
                        {
                            helpers[rank] = Thread.CurrentThread;
                            // A kernel nested in a helper's part gets a share of one: it cannot start more threads.
                            Assert.Equal(1, WorkerTeam.AvailableThreads);
                        }
                        met[part] = everyone.SignalAndWait(TimeSpan.FromSeconds(20));
                    });
                    passed[rank] = met[0] && met[1];
                }
            }
            catch (Exception e) { failures[rank] = e; } // asserted on the test's thread: a throw here would end the test host
        })).ToArray();
        foreach (var thread in ranks) thread.Start();
        foreach (var thread in ranks) thread.Join();
        Assert.Equal([null, null], failures);
        Assert.Equal([true, true], passed);
        // Each rank's helper was its own, and it ended with the rank's scope.
        Assert.NotSame(helpers[0], helpers[1]);
        foreach (var helper in helpers) Assert.True(helper!.Join(TimeSpan.FromSeconds(10)), "a rank's helper outlived its scope");
    }
}
