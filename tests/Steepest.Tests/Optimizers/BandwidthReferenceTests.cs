using CsCheck;
using Steepest.Optimizers;

namespace Steepest.Tests.Optimizers;

/// <summary>The memory-only kernels that `bench optimizer` times beside a step: they must do the work they are timed for.</summary>
public sealed class BandwidthReferenceTests
{
    [Fact]
    public void AddToBytes_adds_the_source_to_the_target_and_one_to_every_state_byte()
    {
        var gen = from n in Gen.Int[1, 200_000]
                  from widths in Gen.Int[1, 2].Array[0, 3]
                  from threads in Gen.Int[1, 3]
                  from seed in Gen.Int
                  select (n, widths, threads, seed);
        Property.ForAll(gen, 21, 40, c =>
        {
            var random = new Random(c.seed);
            float[] source = Enumerable.Range(0, c.n).Select(_ => (float)random.NextDouble()).ToArray();
            float[] target = Enumerable.Range(0, c.n).Select(_ => (float)random.NextDouble()).ToArray();
            float[] expected = target.Zip(source, (t, s) => t + s).ToArray();
            byte[][] states = c.widths.Select(w => { var b = new byte[w * c.n]; random.NextBytes(b); return b; }).ToArray();
            byte[][] before = states.Select(s => (byte[])s.Clone()).ToArray();
            BandwidthReference.AddToBytes(source, target, states, c.threads);
            Assert.Equal(expected, target);
            for (int k = 0; k < states.Length; k++)
                for (int i = 0; i < states[k].Length; i++)
                    if (states[k][i] != (byte)(before[k][i] + 1)) Assert.Fail($"state {k} byte {i}: {states[k][i]}, expected {(byte)(before[k][i] + 1)}");
        }, c => $"n {c.n}, widths [{string.Join(",", c.widths)}], threads {c.threads}");
    }

    [Fact]
    public void AddToBytes_refuses_buffers_that_do_not_match()
    {
        Assert.Throws<ArgumentException>(() => BandwidthReference.AddToBytes(new float[4], new float[3], [], 1));
        Assert.Contains("3 bytes", Assert.Throws<ArgumentException>(() => BandwidthReference.AddToBytes(new float[4], new float[4], [new byte[3]], 1)).Message);
        Assert.Throws<ArgumentException>(() => BandwidthReference.AddToBytes(new float[4], new float[4], [new byte[0]], 1));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    public void AddToAll_adds_the_source_to_every_target(int targets, int threads)
    {
        int n = 70_001;
        var random = new Random(targets);
        float[] source = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        float[][] t = Enumerable.Range(0, targets).Select(_ => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        float[][] expected = t.Select(x => x.Zip(source, (a, b) => a + b).ToArray()).ToArray();
        BandwidthReference.AddToAll(source, t, threads);
        for (int k = 0; k < targets; k++) Assert.Equal(expected[k], t[k]);
    }

    [Fact]
    public void Triad_is_b_plus_s_times_c()
    {
        int n = 131_075;
        var random = new Random(4);
        float[] b = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] c = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] a = new float[n];
        BandwidthReference.Triad(a, b, c, 0.5f, 2);
        // One rounding (a multiply-add) or two: either is within one ulp of the exact value.
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(a[i] - (b[i] + 0.5 * c[i])) <= 2.5e-7 * (b[i] + 0.5 * c[i]), $"[{i}]");
    }
}
