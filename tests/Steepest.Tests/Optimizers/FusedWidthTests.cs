using System.Runtime.Intrinsics;
using Steepest.Optimizers.Fused;

namespace Steepest.Tests.Optimizers;

/// <summary>
/// Every fused rule gives the same bits on 512-bit, 256-bit and scalar lanes, over fp32 and bf16 state. The 512-bit
/// lanes run in software where the hardware lacks AVX-512, so this machine checks their code too; on an AVX-512
/// machine the same test checks the instructions.
/// </summary>
public sealed class FusedWidthTests
{
    private static readonly int[] Lengths = [1, 7, 15, 16, 17, 31, 32, 33, 100, 257];

    [Fact] public void Adam() => Check(new AdamDirection(0.9f, 0.999f, 1e-8f, 1.3f, 0.7f));
    [Fact] public void RoundedAdam() => Check(new RoundedAdamDirection(0.9f, 0.999f, 1e-8f, 1.3f, 0.7f));
    [Fact] public void Lion() => Check(new LionDirection(0.9f, 0.99f));
    [Fact] public void Signum() => Check(new SignumDirection(0.9f));
    [Fact] public void Sign() => Check(new SignDirection());
    [Fact] public void HeavyBall() => Check(new HeavyBallDirection(0.9f, nesterov: false));
    [Fact] public void Nesterov() => Check(new HeavyBallDirection(0.9f, nesterov: true));
    [Fact] public void RoundedNesterov() => Check(new RoundedHeavyBallDirection(0.9f, nesterov: true));
    [Fact] public void Rms() => Check(new RmsDirection(0.99f, 1e-8f));
    [Fact] public void Adagrad() => Check(new AdagradDirection(1e-10f));
    [Fact] public void Identity() => Check(new IdentityDirection());

    private static void Check<TDirection>(TDirection direction) where TDirection : struct, IFusedDirection
    {
        foreach (float decay in new[] { 0f, 0.01f })
        {
            Check(new FusedStep<TDirection, DecoupledDecay>(direction, new DecoupledDecay(-1e-3f, decay)));
            Check(new FusedStep<TDirection, CoupledDecay>(direction, new CoupledDecay(-1e-3f, decay)));
            Check(new FusedStep<TDirection, RoundedDecoupledDecay>(direction, new RoundedDecoupledDecay(-1e-3f, decay)));
            Check(new FusedStep<TDirection, RoundedCoupledDecay>(direction, new RoundedCoupledDecay(-1e-3f, decay)));
        }
    }

    private static void Check<TDirection, TTail>(FusedStep<TDirection, TTail> step)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail
    {
        foreach (int n in Lengths)
        {
            var random = new Random(n);
            var (p, g, m, v) = Inputs(random, n);
            // fp32 state
            var scalar = Run(p, m, v, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, ScalarLanes, float>(step, pp, g, mm, vv));
            var wide = Run(p, m, v, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, Lanes256, Vector256<float>>(step, pp, g, mm, vv));
            var widest = Run(p, m, v, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, Lanes512, Vector512<float>>(step, pp, g, mm, vv));
            AssertSame(scalar, wide, $"256-bit lanes, fp32 state, n = {n}");
            AssertSame(scalar, widest, $"512-bit lanes, fp32 state, n = {n}");
            // bf16 state: the same rule over halves widened and rounded in registers
            ushort[] m16 = Halves(m), v16 = Halves(v);
            var half = RunHalves(p, m16, v16, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, ScalarLanes, float>(step, pp, g, mm, vv));
            var halfWide = RunHalves(p, m16, v16, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, Lanes256, Vector256<float>>(step, pp, g, mm, vv));
            var halfWidest = RunHalves(p, m16, v16, (pp, mm, vv) => FusedDriver.ApplyOn<TDirection, TTail, Lanes512, Vector512<float>>(step, pp, g, mm, vv));
            AssertSame(half, halfWide, $"256-bit lanes, bf16 state, n = {n}");
            AssertSame(half, halfWidest, $"512-bit lanes, bf16 state, n = {n}");
        }
    }

    /// <summary>Parameters, gradients with a zero, a NaN, both infinities, a huge and a subnormal value, and moments (v ≥ 0).</summary>
    private static (float[] P, float[] G, float[] M, float[] V) Inputs(Random random, int n)
    {
        float Normal() => (float)(random.NextDouble() * 2 - 1);
        float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n];
        float[] special = [0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, 1e-40f, -0f];
        for (int i = 0; i < n; i++)
        {
            p[i] = Normal();
            g[i] = i % 5 == 4 ? special[i / 5 % special.Length] : Normal() * 1e-2f;
            m[i] = Normal() * 1e-2f;
            v[i] = (float)random.NextDouble() * 1e-4f;
        }
        return (p, g, m, v);
    }

    private static ushort[] Halves(float[] values) => [.. values.Select(x => (ushort)(BitConverter.SingleToUInt32Bits(x) >> 16))];

    private static uint[][] Run(float[] p, float[] m, float[] v, Action<float[], float[], float[]> step)
    {
        float[] pp = [.. p], mm = [.. m], vv = [.. v];
        step(pp, mm, vv);
        return [Bits(pp), Bits(mm), Bits(vv)];
    }

    private static uint[][] RunHalves(float[] p, ushort[] m, ushort[] v, Action<float[], ushort[], ushort[]> step)
    {
        float[] pp = [.. p];
        ushort[] mm = [.. m], vv = [.. v];
        step(pp, mm, vv);
        return [Bits(pp), [.. mm.Select(h => (uint)h)], [.. vv.Select(h => (uint)h)]];
    }

    private static uint[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToUInt32Bits)];

    private static void AssertSame(uint[][] expected, uint[][] actual, string where)
    {
        string[] names = ["θ", "m", "v"];
        for (int k = 0; k < expected.Length; k++)
            for (int i = 0; i < expected[k].Length; i++)
                Assert.True(expected[k][i] == actual[k][i],
                    $"{where}: {names[k]}[{i}] is {BitConverter.UInt32BitsToSingle(actual[k][i])} (0x{actual[k][i]:X8}), scalar lanes give {BitConverter.UInt32BitsToSingle(expected[k][i])} (0x{expected[k][i]:X8})");
    }
}
