using System.Diagnostics;
using Steepest.Distributed;
using Steepest.Distributed.Reducers;

namespace Steepest.Tests.Distributed;

public sealed class InProcessTransportTests
{
    [Fact]
    public void MessagesWithTheSameSourceAndTagArriveInOrderAndTagsSelect()
    {
        var received = InProcessGroup.Run(2, comm =>
        {
            if (comm.Rank == 0)
            {
                var a = comm.SendAsync(new float[] { 1 }.AsMemory(), 1, 5);
                var b = comm.SendAsync(new float[] { 2 }.AsMemory(), 1, 5);
                var c = comm.SendAsync(new float[] { 3 }.AsMemory(), 1, 6);
                CommRequest.WaitAll([a, b, c]);
                return Array.Empty<float>();
            }
            var x = new float[1]; var y = new float[1]; var z = new float[1];
            comm.Receive(z, 0, 6);
            comm.Receive(x, 0, 5);
            comm.Receive(y, 0, 5);
            return new[] { x[0], y[0], z[0] };
        });
        Assert.Equal([1f, 2f, 3f], received[1]);
    }

    [Fact]
    public void BytesAsyncReceivesAndBarrierWork()
    {
        var results = InProcessGroup.Run(5, comm =>
        {
            var inbox = new byte[4];
            var request = comm.ReceiveAsync(inbox.AsMemory(), (comm.Rank + 4) % 5, 1);
            comm.Send(BitConverter.GetBytes(comm.Rank * 10), (comm.Rank + 1) % 5, 1);
            request.Wait();
            comm.Barrier();
            comm.Barrier();
            return BitConverter.ToInt32(inbox);
        });
        Assert.Equal([40, 0, 10, 20, 30], results);
    }

    [Fact]
    public void AnUnmatchedReceiveTimesOutNamingBothRanks()
    {
        var stopwatch = Stopwatch.StartNew();
        var failure = Assert.Throws<RankFailedException>(() => InProcessGroup.Run(3, comm =>
        {
            if (comm.Rank == 2) comm.Receive(new float[3], 1, 7);
        }, TimeSpan.FromMilliseconds(300)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(2, failure.Rank);
        Assert.IsType<CommunicationTimeoutException>(failure.InnerException);
        Assert.Contains("rank 2", failure.Message);
        Assert.Contains("rank 1", failure.Message);
    }

    [Fact]
    public void ARankThatThrowsAbortsTheOthersQuicklyWithItsOwnError()
    {
        var stopwatch = Stopwatch.StartNew();
        var failure = Assert.Throws<RankFailedException>(() => InProcessGroup.Run(4, comm =>
        {
            var reducer = new RingAllReduce(comm);
            var g = new float[100_000];
            reducer.Average(g);
            if (comm.Rank == 2) throw new InvalidOperationException("disk on fire");
            reducer.Average(g); // the others block here until the abort releases them
        }));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(2, failure.Rank);
        Assert.Equal("disk on fire", failure.InnerException!.Message);
    }

    [Fact]
    public void SizeAndTypeMismatchesAreReportedToBothSides()
    {
        var failure = Assert.Throws<RankFailedException>(() => InProcessGroup.Run(2, comm =>
        {
            if (comm.Rank == 0) comm.Send(new float[5], 1, 0);
            else comm.Receive(new float[4], 0, 0);
        }, TimeSpan.FromSeconds(5)));
        Assert.IsType<CommunicationException>(failure.InnerException);
        Assert.Contains("sent 5 Single values", failure.Message);
        Assert.Contains("expected 4", failure.Message);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        InProcessGroup.Run(2, comm =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => comm.Send(new float[1], 2, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => comm.Send(new float[1], 1, -1));
        });
        Assert.Throws<ArgumentOutOfRangeException>(() => InProcessGroup.Run(0, _ => { }));
    }

    [Fact]
    public void CostModelMeasuresPositiveLatencyAndBandwidth()
    {
        var models = InProcessGroup.Run(3, comm => AlphaBetaModel.Measure(comm, largeBytes: 1 << 20, rounds: 3, largestWorkingSet: 8 << 20));
        Assert.All(models, m => Assert.Equal((models[0].Alpha, models[0].Beta, models[0].Gamma, models[0].Parallelism), (m.Alpha, m.Beta, m.Gamma, m.Parallelism)));
        Assert.All(models, m => Assert.Equal(models[0].Rates, m.Rates));
        Assert.All(models, m => Assert.Equal(models[0].Samples, m.Samples));
        // Three ranks hold one pair: one ping-pong (k = 1) and one exchange (k = 2); rates at 2, 4 and 8 MiB.
        Assert.Equal([(1, "ping-pong"), (2, "exchange")], models[0].Samples.Select(x => (x.Concurrent, x.Pattern)));
        Assert.Equal([2L << 20, 4L << 20, 8L << 20], models[0].Rates.Select(r => r.Bytes));
        Assert.Equal(1.0, models[0].Samples[0].Slowdown);
        Assert.True(models[0].Parallelism > 0);
        Assert.True(models[0].Alpha > 0 && models[0].Alpha < 0.01, $"α = {models[0].Alpha}");
        Assert.True(models[0].Beta > 0 && models[0].Beta < 1e-7, $"β = {models[0].Beta}");
        Assert.True(models[0].Gamma > 0);
    }
}
