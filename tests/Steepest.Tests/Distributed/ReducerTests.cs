using Steepest.Distributed;
using Steepest.Distributed.Reducers;

namespace Steepest.Tests.Distributed;

public sealed class ReducerTests
{
    public static TheoryData<int> WorkerCounts => new(Enumerable.Range(2, 15));

    /// <summary>The acceptance grid: n in 2..16, p in {1, n−1, n, 1000, 1000003}; counts equal the formulas, results the exact average.</summary>
    [Theory, MemberData(nameof(WorkerCounts))]
    public void CountedMessagesEqualTheFormulasAndEveryRankGetsTheExactAverage(int n)
    {
        foreach (int p in new[] { 1, n - 1, n, 1000, 1000003 })
        {
            if (p < 1) continue;
            foreach (var (strategy, expected) in new[] { ("all-to-all", (long)n * (n - 1)), ("parameter-server", 2L * n), ("ring", 2L * n * (n - 1)) })
            {
                var outcome = ReducerHarness.Run(strategy, n, p, seed: n + p);
                Assert.True(outcome.Traffic.Messages == expected, $"{strategy} n={n} p={p}: counted {outcome.Traffic.Messages}, formula {expected}");
                Assert.Equal(outcome.Plan.Messages, outcome.Traffic.Messages);
                Assert.Equal(outcome.Plan.MessageValuesMin, outcome.Traffic.MinMessageValues);
                Assert.Equal(outcome.Plan.MessageValuesMax, outcome.Traffic.MaxMessageValues);
                Assert.Equal(outcome.Plan.TotalBytes, outcome.Traffic.Bytes);
                if (strategy == "ring")
                {
                    // Chunk sizes differ by at most one; with p < n the empty chunks are still sent.
                    Assert.True(outcome.Traffic.MaxMessageValues - outcome.Traffic.MinMessageValues <= 1);
                    long nonEmpty = 2L * (n - 1) * Math.Min(p, n);
                    Assert.Equal(nonEmpty, outcome.Traffic.NonEmptyMessages);
                }
                AssertExactAverage(outcome, strategy, n, p);
            }
        }
    }

    [Theory]
    [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(7)] [InlineData(8)] [InlineData(12)] [InlineData(16)]
    public void HalvingDoublingAveragesExactlyForPowersOfTwoAndOthers(int n)
    {
        foreach (int p in new[] { 1, n - 1, n, 1000, 65537 })
        {
            if (p < 1) continue;
            var outcome = ReducerHarness.Run("halving-doubling", n, p, seed: 3 * n + p);
            Assert.Equal(outcome.Plan.Messages, outcome.Traffic.Messages);
            Assert.Equal(outcome.Plan.TotalBytes, outcome.Traffic.Bytes);
            if ((n & (n - 1)) == 0)
            {
                int k = (int)Math.Log2(n);
                Assert.Equal(2L * n * k, outcome.Traffic.Messages);
            }
            AssertExactAverage(outcome, "halving-doubling", n, p);
        }
    }

    private static void AssertExactAverage(ReducerHarness.Outcome outcome, string strategy, int n, int p)
    {
        double[] exact = ReducerHarness.ExactAverage(outcome);
        double scale = Math.Max(exact.Max(Math.Abs), 1e-30);
        for (int rank = 0; rank < outcome.Results.Length; rank++)
        {
            float[] result = outcome.Results[rank];
            for (int i = 0; i < p; i++)
                if (!(Math.Abs(result[i] - exact[i]) <= 1e-5 * scale))
                    Assert.Fail($"{strategy} n={n} p={p} rank {rank}[{i}] = {result[i]}, exact {exact[i]}");
            // Every rank holds the same bits, so data-parallel replicas never drift apart.
            Assert.True(result.AsSpan().SequenceEqual(outcome.Results[0]), $"{strategy}: rank {rank} differs from rank 0");
        }
    }

    [Theory]
    [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(9)]
    public void SignMajorityIsTheElementwiseMajorityWithTiesGoingPositive(int n)
    {
        int p = 1000;
        var outcome = ReducerHarness.Run("sign", n, p, seed: n, inputs: (rank, length) =>
        {
            var g = ReducerHarness.Gradient(n, rank, length);
            g[0] = 0; // zero votes +1
            g[1] = rank % 2 == 0 ? 1 : -1; // for even n an exact tie
            return g;
        });
        Assert.Equal((long)n * (n - 1), outcome.Traffic.Messages);
        Assert.Equal((long)n * (n - 1) * SignMajority.PackedBytes(p), outcome.Traffic.Bytes);
        Assert.Equal(4 * 1024, 32 * SignMajority.PackedBytes(1024)); // exactly 32× fewer bytes than fp32 when 32 divides p
        for (int i = 0; i < p; i++)
        {
            int plus = Enumerable.Range(0, n).Count(w => outcome.Inputs[w][i] >= 0);
            float expected = 2 * plus >= n ? 1 : -1;
            foreach (var result in outcome.Results) Assert.Equal(expected, result[i]);
        }
        Assert.Equal(1f, outcome.Results[0][0]);
        if (n % 2 == 0) Assert.Equal(1f, outcome.Results[0][1]);
    }

    [Fact]
    public void SignWithErrorFeedbackCarriesTheCompressionErrorToTheNextCall()
    {
        // One worker pair, two calls: a small persistent positive bias on coordinate 0 outvoted at first must
        // accumulate in the error memory and flip the vote on a later call.
        var results = InProcessGroup.Run(2, comm =>
        {
            var reducer = new SignMajority(comm, errorFeedback: true);
            var outputs = new List<float>();
            for (int call = 0; call < 6; call++)
            {
                float[] g = comm.Rank == 0 ? [0.3f, -10f, 10f] : [-0.1f, -10f, 10f];
                reducer.Average(g);
                outputs.Add(g[0]);
            }
            return outputs;
        });
        Assert.Equal(results[0], results[1]);
        Assert.Contains(1f, results[0]);
    }

    [Fact]
    public void ParameterServerUsesAnExtraRankThatReturnsTheAverageToo()
    {
        var outcome = ReducerHarness.Run("parameter-server", 3, 10);
        Assert.Equal(4, outcome.Results.Length);
        Assert.Equal(outcome.Results[0], outcome.Results[3]);
        Assert.Equal(6, outcome.Traffic.Messages);
    }

    [Fact]
    public void FactoryRejectsUnknownNames()
    {
        var failure = Assert.Throws<RankFailedException>(() => InProcessGroup.Run(2, comm => { GradientReducers.Create("gossip", comm); }));
        Assert.IsType<ArgumentException>(failure.InnerException);
        Assert.Contains("unknown strategy 'gossip'", failure.Message);
    }
}
