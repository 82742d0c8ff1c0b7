using CsCheck;
using Steepest.Optimizers.Precision;

namespace Steepest.Tests.Optimizers;

/// <summary>Block-wise int8 and bf16 storage of moments: error bounds, edge cases, and the fast encoders against their definitions.</summary>
public sealed class QuantizationTests
{
    private static float[] RoundTrip(DynamicMap map, float[] block, out float absmax)
    {
        var codes = new byte[block.Length];
        absmax = Int8Moment.Quantize(map, block, codes);
        var back = new float[block.Length];
        Int8Moment.Dequantize(map, codes, absmax, back);
        return back;
    }

    private static void AssertWithinBound(float[] block, float[] back, float absmax)
    {
        // Nearest rounding in a dynamic map errs by at most half its widest gap (0.9/64/2 ≈ 0.007 of absmax), under 1/127.
        float bound = absmax / 127;
        for (int i = 0; i < block.Length; i++)
            Assert.True(Math.Abs(block[i] - back[i]) <= bound, $"[{i}]: {block[i]} came back as {back[i]}, more than absmax/127 = {bound} away");
    }

    [Fact]
    public void Random_blocks_come_back_within_absmax_over_127()
    {
        var gen = from length in Gen.Int[1, MomentBuffer.BlockSize]
                  from exponent in Gen.Int[-30, 30]
                  from seed in Gen.Int
                  from signed in Gen.Bool
                  select (length, exponent, seed, signed);
        Property.ForAll(gen, 11, 400, c =>
        {
            var random = new Random(c.seed);
            float scale = MathF.Pow(2, c.exponent);
            // Heavy tails, as moments have: most values small, a few large.
            var block = Enumerable.Range(0, c.length).Select(_ => (float)(Math.Pow(random.NextDouble(), 4) * scale * (c.signed && random.Next(2) == 0 ? -1 : 1))).ToArray();
            var back = RoundTrip(c.signed ? DynamicMap.Signed : DynamicMap.Unsigned, block, out float absmax);
            Assert.Equal(block.Max(MathF.Abs), absmax);
            AssertWithinBound(block, back, absmax);
        });
    }

    [Fact]
    public void A_block_of_zeros_is_exact()
    {
        var back = RoundTrip(DynamicMap.Signed, new float[256], out float absmax);
        Assert.Equal(0, absmax);
        Assert.All(back, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_single_huge_value_keeps_itself_and_bounds_the_rest()
    {
        var block = Enumerable.Range(0, 256).Select(i => 1e-3f * (i % 7 - 3)).ToArray();
        block[100] = 1e30f;
        var back = RoundTrip(DynamicMap.Signed, block, out float absmax);
        Assert.Equal(1e30f, absmax);
        Assert.Equal(1e30f, back[100]);
        AssertWithinBound(block, back, absmax);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_value_poisons_its_whole_block_as_NaN_never_a_finite_code(float bad)
    {
        var block = Enumerable.Range(0, 256).Select(i => 0.01f * i).ToArray();
        block[37] = bad;
        var back = RoundTrip(DynamicMap.Signed, block, out float absmax);
        Assert.True(float.IsNaN(absmax));
        Assert.All(back, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void The_maps_hold_256_sorted_values_with_0_and_1_exact()
    {
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
        {
            Assert.Equal(256, map.Values.Length);
            for (int c = 1; c < 256; c++) Assert.True(map.Values[c] > map.Values[c - 1]);
            Assert.Contains(0f, map.Values);
            Assert.Equal(1f, map.Values[255]);
        }
        Assert.Equal(127, DynamicMap.Signed.Values.Count(v => v < 0));
        Assert.Equal(0, DynamicMap.Unsigned.Values.Count(v => v < 0));
    }

    [Fact]
    public void Each_value_is_one_multiply_add_of_its_decade_within_an_ulp_of_the_decimal_definition()
    {
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
        {
            var magnitudes = new List<float>();
            var exact = new List<double>();
            for (int e = map.FirstDecade; e < map.FirstDecade + 7; e++)
            {
                int count = 1 << e;
                double scale = Math.Pow(10, -((map.IsSigned ? 6 : 7) - e));
                for (int j = 0; j < count; j++)
                {
                    magnitudes.Add(MathF.FusedMultiplyAdd(j, map.Steps[e], map.Bases[e]));
                    exact.Add(scale * (0.1 + 0.9 * (j + 0.5) / count));
                }
            }
            var positive = map.Values.Where(v => v > 0 && v < 1).ToArray();
            Assert.Equal(magnitudes.Order(), positive);
            var decimals = exact.Order().Select(v => (float)v).ToArray();
            for (int i = 0; i < positive.Length; i++)
                Assert.True(Math.Abs(BitConverter.SingleToInt32Bits(positive[i]) - BitConverter.SingleToInt32Bits(decimals[i])) <= 1, $"{positive[i]} against {decimals[i]}");
            if (map.IsSigned) Assert.Equal(positive.Select(v => -v).Order(), map.Values.Where(v => v < 0));
        }
    }

    [Fact]
    public void AbsMax_is_the_largest_magnitude_or_NaN_for_any_NaN_or_infinity_at_any_position()
    {
        var gen = from length in Gen.Int[1, 300]
                  from bad in Gen.Int[-1, 299]
                  from kind in Gen.Int[0, 2]
                  from seed in Gen.Int
                  select (length, bad, kind, seed);
        Property.ForAll(gen, 13, 600, c =>
        {
            var random = new Random(c.seed);
            var block = Enumerable.Range(0, c.length).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 38)))).ToArray();
            if (random.Next(4) == 0) block[random.Next(c.length)] = -0f;
            bool poisoned = c.bad >= 0 && c.bad < c.length;
            if (poisoned) block[c.bad] = c.kind switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
            float expected = poisoned ? float.NaN : block.Max(MathF.Abs);
            Assert.Equal(expected, Int8Moment.AbsMax(block));
        });
    }

    [Fact]
    public void The_table_encoder_equals_the_nearest_code_on_random_values_and_at_every_midpoint()
    {
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
        {
            var random = new Random(3);
            var probes = new List<float>();
            for (int i = 0; i < 20_000; i++) probes.Add((float)(Math.Pow(random.NextDouble(), 6) * (map.IsSigned && random.Next(2) == 0 ? -1 : 1)));
            foreach (float mid in map.Midpoints.Take(255))
                probes.AddRange([mid, MathF.BitDecrement(mid), MathF.BitIncrement(mid)]);
            probes.AddRange([0f, -0f, 1f, MathF.BitIncrement(1f), float.Epsilon, 1e-30f]);
            foreach (float y in probes.Where(y => map.IsSigned || y >= 0))
            {
                int code = map.Encode(y);
                Assert.Equal(map.Nearest(y), code);
                // The definition: no other code is nearer, up to the rounding of a midpoint to float.
                double error = Math.Abs(y - (double)map.Values[code]);
                Assert.True(map.Values.All(v => Math.Abs(y - (double)v) >= error - 2.5e-7 * Math.Abs(y) - 1e-30), $"{y}: code {code} is not the nearest");
            }
        }
    }

    [Fact]
    public void The_vector_quantizer_equals_the_scalar_encoder()
    {
        var random = new Random(5);
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
            for (int trial = 0; trial < 50; trial++)
            {
                int length = random.Next(1, 257);
                var block = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - (map.IsSigned ? 1 : 0)) * Math.Pow(10, -random.Next(0, 8)))).ToArray();
                var codes = new byte[length];
                float absmax = Int8Moment.Quantize(map, block, codes);
                for (int i = 0; i < length; i++) Assert.Equal(map.Encode(block[i] * (1 / absmax)), codes[i]);
            }
    }

    [Fact]
    public void The_vector_quantizer_gives_the_nearest_code_at_every_midpoint_of_either_sign()
    {
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
        {
            var probes = new List<float>();
            foreach (float mid in map.Midpoints.Take(255))
                foreach (float y in new[] { mid, MathF.BitDecrement(mid), MathF.BitIncrement(mid) })
                    probes.AddRange([y, -y]);
            probes.AddRange([0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 1f, -1f, MathF.BitDecrement(1f), -MathF.BitDecrement(1f)]);
            // Blocks of 256 led by 1, so absmax is 1 and every probe is quantized as it is; the lanes see each probe at many offsets.
            for (int shift = 0; shift < 16; shift += 5)
            {
                var all = probes.Skip(shift).ToList();
                for (int start = 0; start < all.Count; start += 255)
                {
                    float[] block = [1f, .. all.Skip(start).Take(255)];
                    var codes = new byte[block.Length];
                    Assert.Equal(1f, Int8Moment.Quantize(map, block, codes));
                    for (int i = 0; i < block.Length; i++)
                        if (codes[i] != map.Nearest(block[i])) Assert.Fail($"{(map.IsSigned ? "signed" : "unsigned")} {block[i]:R} at {i}: code {codes[i]}, nearest {map.Nearest(block[i])}");
                }
            }
        }
    }

    [Fact]
    public void The_vector_dequantizers_equal_the_table_lookup_bit_for_bit()
    {
        // Every code, at positions covering each vector lane, then random lengths for the tails.
        var random = new Random(6);
        foreach (var map in new[] { DynamicMap.Signed, DynamicMap.Unsigned })
        {
            var every = Enumerable.Range(0, 256 + 64 + 7).Select(i => (byte)(i * 37 % 256)).ToArray();
            Check(map, every, 0.37f);
            for (int trial = 0; trial < 50; trial++)
            {
                var codes = new byte[random.Next(1, 300)];
                random.NextBytes(codes);
                Check(map, codes, (float)(random.NextDouble() * Math.Pow(10, random.Next(-30, 30))));
            }
        }

        static void Check(DynamicMap map, byte[] codes, float scale)
        {
            var values = new float[codes.Length];
            Int8Moment.Dequantize(map, codes, scale, values);
            for (int i = 0; i < codes.Length; i++)
                if (BitConverter.SingleToInt32Bits(values[i]) != BitConverter.SingleToInt32Bits(map.Values[codes[i]] * scale))
                    Assert.Fail($"code {codes[i]} at {i} of {codes.Length}: {values[i]}, expected {map.Values[codes[i]] * scale}");
        }
    }

    [Fact]
    public void Bf16_rounds_to_the_nearest_even_and_keeps_NaN_and_infinity()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 1000).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-60, 60)))).ToList();
        // Exact ties: the lower half is 0x8000, so the even neighbour must win.
        values.AddRange([BitConverter.Int32BitsToSingle(0x3F808000), BitConverter.Int32BitsToSingle(0x3F818000), float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, float.Epsilon]);
        var halves = new ushort[values.Count];
        Bf16Moment.Round(values.ToArray(), halves);
        var back = new float[values.Count];
        Bf16Moment.Widen(halves, back);
        for (int i = 0; i < values.Count; i++)
        {
            float x = values[i];
            if (float.IsNaN(x)) { Assert.True(float.IsNaN(back[i])); continue; }
            if (float.IsInfinity(x)) { Assert.Equal(x, back[i]); continue; }
            uint bits = BitConverter.SingleToUInt32Bits(x);
            float down = BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000);
            // The next bf16 away from zero, in double so that the step past the largest one is 2¹²⁸ (which rounds to ∞).
            double ulp = Math.ScaleB(1.0, Math.ILogB(down == 0 ? float.Epsilon : (double)down) - 7);
            if (Math.Abs(down) < 1.1754944e-38f) ulp = Math.ScaleB(1.0, -133);
            double upExact = (double)down + Math.CopySign(ulp, x);
            float up = (float)upExact;
            double toDown = Math.Abs((double)x - down), toUp = Math.Abs(upExact - x);
            float expected = toDown < toUp ? down : toUp < toDown ? up : ((bits >> 16) & 1) == 0 ? down : up;
            Assert.True(BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(back[i]), $"{x} → {back[i]}, expected {expected}");
        }
    }
}
