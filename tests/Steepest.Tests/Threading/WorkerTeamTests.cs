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
}
