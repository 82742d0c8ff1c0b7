using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

/// <summary>The vector kernels against the scalar expressions they stand for, bit for bit.</summary>
public sealed class InCacheArithmeticTests
{
    private static readonly Gen<(float[] Target, float[] Source, float Scale)> Cases =
        Gen.Int[0, 300].SelectMany(n => Gen.Select(Gen.Float[-1e6f, 1e6f].Array[n], Gen.Float[-1e6f, 1e6f].Array[n], Gen.Float[-4f, 4f]));

    [Fact]
    public void AddMatchesTheScalarSumBitForBit() =>
        Property.ForAll(Cases, 11, 300, c =>
        {
            var expected = c.Target.Select((t, i) => t + c.Source[i]).ToArray();
            var actual = (float[])c.Target.Clone();
            InCacheArithmetic.Add(actual, c.Source);
            Assert.Equal(expected, actual);
        }, c => $"n = {c.Target.Length}");

    [Fact]
    public void AddThenScaleRoundsTheSumBeforeTheProduct() =>
        Property.ForAll(Cases, 12, 300, c =>
        {
            var expected = c.Target.Select((t, i) => (t + c.Source[i]) * c.Scale).ToArray();
            var actual = (float[])c.Target.Clone();
            InCacheArithmetic.AddThenScale(actual, c.Source, c.Scale);
            Assert.Equal(expected, actual);
        }, c => $"n = {c.Target.Length}");

    [Fact]
    public void ScaleMatchesTheScalarProduct() =>
        Property.ForAll(Cases, 13, 300, c =>
        {
            var expected = c.Target.Select(t => t * c.Scale).ToArray();
            var actual = (float[])c.Target.Clone();
            InCacheArithmetic.Scale(actual, c.Scale);
            Assert.Equal(expected, actual);
        }, c => $"n = {c.Target.Length}");

    [Fact]
    public void ScaleIntoMatchesTheScalarProductAndTensorPrimitives() =>
        Property.ForAll(Cases, 14, 300, c =>
        {
            var expected = c.Source.Select(s => s * c.Scale).ToArray();
            var actual = (float[])c.Target.Clone();
            InCacheArithmetic.Scale(c.Source, c.Scale, actual);
            Assert.Equal(expected, actual);
            var library = new float[c.Source.Length];
            System.Numerics.Tensors.TensorPrimitives.Multiply(c.Source, c.Scale, library); // what all-to-all used before
            Assert.Equal(library, actual);
        }, c => $"n = {c.Target.Length}");

    [Fact]
    public void EdgeCasesAliasingNaNAndLengthMismatch()
    {
        float[] x = [1, 2, 3];
        InCacheArithmetic.Add(x, x);
        Assert.Equal([2f, 4f, 6f], x);

        float[] y = [float.NaN, 1, float.PositiveInfinity, 0];
        InCacheArithmetic.AddThenScale(y, [1, float.NaN, float.NegativeInfinity, -0f], 0.5f);
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[1]) && float.IsNaN(y[2]));
        Assert.Equal(0f, y[3]);

        InCacheArithmetic.Add([], []);
        InCacheArithmetic.Scale([], 2);
        Assert.Throws<ArgumentException>(() => InCacheArithmetic.Add(new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => InCacheArithmetic.AddThenScale(new float[1], new float[2], 1));
        Assert.Throws<ArgumentException>(() => InCacheArithmetic.Scale(new float[2], 1, new float[3]));
    }
}
