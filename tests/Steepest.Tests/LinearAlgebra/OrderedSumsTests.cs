using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class OrderedSumsTests
{
    private static readonly Gen<float> Values = Gen.OneOf(
        Gen.Float[-4, 4], Gen.Float[-4, 4], Gen.Float[-4, 4], Gen.Float[-1e30f, 1e30f],
        Gen.OneOfConst(0f, -0f, 1e-42f, -1e-42f, 3e38f, float.NaN, float.PositiveInfinity, float.NegativeInfinity));

    private static readonly Gen<(float[] X, float[] Y)> Pairs =
        from length in Gen.OneOf(Gen.Int[0, 40], Gen.Int[0, 300], Gen.OneOfConst(1, 15, 16, 17, 31, 32, 33, 1024))
        from x in Values.Array[length]
        from y in Values.Array[length]
        select (x, y);

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Fact]
    public void TheVectorAndScalarPathsGiveTheSameBitsForEveryTerm()
    {
        // What makes the sums the same on every machine: the lanes only hold the 16 (8) partial sums the scalar path
        // keeps too. NaN keeps its payload through additions, so even NaN bits must agree.
        Property.ForAll(Pairs, 1701, 400, p =>
        {
            Assert.Equal(Bits(OrderedSums.Reduce<float, OrderedSums.Plain>(p.X, p.Y, false)), Bits(OrderedSums.Reduce<float, OrderedSums.Plain>(p.X, p.Y, true)));
            Assert.Equal(Bits(OrderedSums.Reduce<float, OrderedSums.Square>(p.X, p.Y, false)), Bits(OrderedSums.Reduce<float, OrderedSums.Square>(p.X, p.Y, true)));
            Assert.Equal(Bits(OrderedSums.Reduce<float, OrderedSums.Magnitude>(p.X, p.Y, false)), Bits(OrderedSums.Reduce<float, OrderedSums.Magnitude>(p.X, p.Y, true)));
            Assert.Equal(Bits(OrderedSums.Reduce<float, OrderedSums.Product>(p.X, p.Y, false)), Bits(OrderedSums.Reduce<float, OrderedSums.Product>(p.X, p.Y, true)));
            double[] x = p.X.Select(v => (double)v).ToArray(), y = p.Y.Select(v => (double)v).ToArray();
            Assert.Equal(Bits(OrderedSums.Reduce<double, OrderedSums.Product>(x, y, false)), Bits(OrderedSums.Reduce<double, OrderedSums.Product>(x, y, true)));
            Assert.Equal(Bits(OrderedSums.Reduce<double, OrderedSums.Square>(x, y, false)), Bits(OrderedSums.Reduce<double, OrderedSums.Square>(x, y, true)));
            Assert.Equal(Bits(OrderedSums.Reduce<double, OrderedSums.SquaredDifference>(x, y, false)), Bits(OrderedSums.Reduce<double, OrderedSums.SquaredDifference>(x, y, true)));
        }, p => $"length {p.X.Length}");
    }

    [Fact]
    public void TheSumFollowsItsDocumentedOrder()
    {
        // The order written out independently: 16 partial sums over whole blocks, folded in halves, then the tail.
        static float Spec(float[] x)
        {
            var s = new float[16];
            int body = x.Length / 16 * 16;
            for (int i = 0; i < body; i++) s[i % 16] += x[i];
            var v = Enumerable.Range(0, 8).Select(j => s[j] + s[j + 8]).ToArray();
            var w = Enumerable.Range(0, 4).Select(j => v[j] + v[j + 4]).ToArray();
            float total = (w[0] + w[2]) + (w[1] + w[3]);
            for (int i = body; i < x.Length; i++) total += x[i];
            return total;
        }
        Property.ForAll(Pairs, 1702, 300, p => Assert.Equal(Bits(Spec(p.X)), Bits(OrderedSums.Sum(p.X))), p => $"length {p.X.Length}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(129)]
    [InlineData(100_003)]
    public void AgreesWithADoubleReference(int length)
    {
        var random = new Random(length);
        float[] x = Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] y = Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        double sum = x.Sum(v => (double)v), squares = x.Sum(v => (double)v * v), magnitudes = x.Sum(v => Math.Abs((double)v));
        double dot = x.Zip(y, (a, b) => (double)a * b).Sum();
        // Float partial sums of n/16 terms each: an error of a few ulps of the running magnitude per term.
        double tolerance = 1e-6 * Math.Sqrt(length) * magnitudes + 1e-7;
        Assert.Equal(sum, OrderedSums.Sum(x), tolerance);
        Assert.Equal(squares, OrderedSums.SumOfSquares(x), tolerance);
        Assert.Equal(magnitudes, OrderedSums.SumOfMagnitudes(x), tolerance);
        Assert.Equal(dot, OrderedSums.Dot(x, y), tolerance);
        double[] xd = x.Select(v => (double)v).ToArray(), yd = y.Select(v => (double)v).ToArray();
        Assert.Equal(dot, OrderedSums.Dot(xd, yd), 1e-12 * magnitudes);
        Assert.Equal(Math.Sqrt(squares), OrderedSums.Norm(xd), 1e-12 * Math.Sqrt(squares));
        double distance = Math.Sqrt(x.Zip(y, (a, b) => ((double)a - b) * ((double)a - b)).Sum());
        Assert.Equal(distance, OrderedSums.Distance(xd, yd), 1e-12 * distance);
    }

    [Fact]
    public void EmptyIsZeroAndNaNAndInfinityShowThrough()
    {
        Assert.Equal(0f, OrderedSums.Sum([]));
        Assert.Equal(0d, OrderedSums.Dot(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        float[] x = Enumerable.Repeat(1f, 40).ToArray();
        x[5] = float.NaN;
        Assert.True(float.IsNaN(OrderedSums.Sum(x)));
        x[5] = float.PositiveInfinity;
        Assert.Equal(float.PositiveInfinity, OrderedSums.SumOfMagnitudes(x));
        x[5] = float.NegativeInfinity;
        Assert.Equal(float.PositiveInfinity, OrderedSums.SumOfSquares(x));
    }

    [Fact]
    public void SpansOfDifferentLengthsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OrderedSums.Dot(new float[3], new float[4]));
        Assert.Contains("3 and 4", error.Message);
        Assert.Throws<ArgumentException>(() => OrderedSums.Distance(new double[2], new double[1]));
    }
}
