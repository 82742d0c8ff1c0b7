using CsCheck;
using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Tests.Models;

/// <summary>Every layer's forward against a double reference and its backward against central finite differences, over random small shapes.</summary>
public sealed class LayerGradientTests
{
    private static T Initialized<T>(T module, ulong seed) where T : Module
    {
        module.Initialize(new SplitMix64(seed));
        // Gains of 1 and biases of 0 would hide mistakes in their gradients' use: perturb them.
        var random = new Random((int)seed);
        foreach (var p in module.Parameters)
            if (p.Kind is ParameterKind.NormGain or ParameterKind.Bias)
                for (int i = 0; i < p.Length; i++) p.Value[i] += (float)(0.5 * GradientCheck.Gaussian(random));
        return module;
    }

    [Fact]
    public void Linear() => Property.ForAll(
        from batch in Gen.Int[1, 4] from positions in Gen.Int[1, 3] from inputs in Gen.Int[1, 9] from outputs in Gen.Int[1, 9] from seed in Gen.Int[0, 1000]
        select (batch, positions, inputs, outputs, seed), 11, 25,
        c => GradientCheck.Run(Initialized(new Linear("fc", c.positions == 1 ? [c.inputs] : [c.positions, c.inputs], c.outputs, bias: c.seed % 3 != 0), (ulong)c.seed), c.batch, c.seed));

    [Fact]
    public void Conv2dWithAnyKernelStrideAndPadding() => Property.ForAll(
        from batch in Gen.Int[1, 3] from height in Gen.Int[1, 7] from width in Gen.Int[1, 7] from channels in Gen.Int[1, 3] from filters in Gen.Int[1, 4]
        from kh in Gen.Int[1, 3] from kw in Gen.Int[1, 3] from stride in Gen.Int[1, 2] from padding in Gen.Int[0, 2] from seed in Gen.Int[0, 1000]
        where height + 2 * padding >= kh && width + 2 * padding >= kw
        select (batch, height, width, channels, filters, kh, kw, stride, padding, seed), 12, 40,
        c => GradientCheck.Run(Initialized(new Conv2d("conv", [c.height, c.width, c.channels], c.filters, c.kh, c.kw, c.stride, c.padding), (ulong)c.seed), c.batch, c.seed));

    [Theory]
    [InlineData(1, 5, 5, 1, 3, 2, 1)] // one channel, stride 2, padding 1, odd size
    [InlineData(1, 28, 28, 1, 4, 1, 1)] // MNIST-shaped, batch 1
    [InlineData(2, 7, 9, 3, 2, 2, 0)]
    [InlineData(2, 5, 6, 8, 9, 1, 1)] // 73 taps: the im2col + SGEMM path (fewer take the direct one)
    [InlineData(1, 4, 4, 16, 17, 2, 1)] // filters not a multiple of the vector width
    public void Conv2dNamedCases(int batch, int height, int width, int channels, int filters, int stride, int padding) =>
        GradientCheck.Run(Initialized(new Conv2d("conv", [height, width, channels], filters, 3, 3, stride, padding), 3), batch, 5);

    [Fact]
    public void MaxPool2d() => Property.ForAll(
        from batch in Gen.Int[1, 3] from height in Gen.Int[2, 7] from width in Gen.Int[2, 7] from channels in Gen.Int[1, 3]
        from kernel in Gen.Int[1, 3] from stride in Gen.Int[1, 3] from seed in Gen.Int[0, 1000]
        where height >= kernel && width >= kernel
        select (batch, height, width, channels, kernel, stride, seed), 13, 30,
        c => GradientCheck.Run(new MaxPool2d("pool", [c.height, c.width, c.channels], c.kernel, c.stride), c.batch, c.seed));

    [Theory]
    [InlineData(8)]
    [InlineData(19)]
    public void MaxPool2dOverVectorsOfChannels(int channels) =>
        GradientCheck.Run(new MaxPool2d("pool", [5, 4, channels], 2, 2), 2, channels);

    [Fact]
    public void GlobalAveragePool() => Property.ForAll(
        from batch in Gen.Int[1, 3] from height in Gen.Int[1, 5] from width in Gen.Int[1, 5] from channels in Gen.Int[1, 4] from seed in Gen.Int[0, 1000]
        select (batch, height, width, channels, seed), 14, 15,
        c => GradientCheck.Run(new GlobalAveragePool("gap", [c.height, c.width, c.channels]), c.batch, c.seed));

    [Fact]
    public void ReluGeluAndFlatten() => Property.ForAll(
        from batch in Gen.Int[1, 3] from a in Gen.Int[1, 5] from b in Gen.Int[1, 5] from seed in Gen.Int[0, 1000]
        select (batch, a, b, seed), 15, 15,
        c =>
        {
            GradientCheck.Run(new Relu("relu", [c.a, c.b]), c.batch, c.seed);
            GradientCheck.Run(new Gelu("gelu", [c.a, c.b]), c.batch, c.seed);
            GradientCheck.Run(new Flatten("flatten", [c.a, c.b, 2]), c.batch, c.seed);
        });

    [Fact]
    public void LayerNorm() => Property.ForAll(
        from batch in Gen.Int[1, 3] from positions in Gen.Int[1, 4] from width in Gen.Int[2, 9] from seed in Gen.Int[0, 1000]
        select (batch, positions, width, seed), 16, 20,
        c => GradientCheck.Run(Initialized(new LayerNorm("ln", [c.positions, c.width]), (ulong)c.seed), c.batch, c.seed));

    [Fact]
    public void TokenAndPositionEmbeddings() => Property.ForAll(
        from batch in Gen.Int[1, 3] from vocabulary in Gen.Int[1, 7] from width in Gen.Int[1, 6] from context in Gen.Int[1, 5] from seed in Gen.Int[0, 1000]
        select (batch, vocabulary, width, context, seed), 17, 20,
        c =>
        {
            GradientCheck.Run(Initialized(new TokenEmbedding("tokens", c.vocabulary, c.width, c.context), (ulong)c.seed), c.batch, c.seed, vocabulary: c.vocabulary);
            GradientCheck.Run(Initialized(new PositionEmbedding("positions", c.context, c.width), (ulong)c.seed), c.batch, c.seed);
        });

    [Fact]
    public void CausalSelfAttentionWithHeadsThatDivideTheWidth() => Property.ForAll(
        from batch in Gen.Int[1, 3] from heads in Gen.Int[1, 3] from headWidth in Gen.Int[1, 4] from context in Gen.Int[1, 6] from seed in Gen.Int[0, 1000]
        select (batch, heads, headWidth, context, seed), 18, 25,
        c => GradientCheck.Run(Initialized(new CausalSelfAttention("attention", c.context, c.heads * c.headWidth, c.heads), (ulong)c.seed), c.batch, c.seed));

    [Fact]
    public void ResidualAndSequential() => Property.ForAll(
        from batch in Gen.Int[1, 3] from context in Gen.Int[1, 4] from width in Gen.Int[2, 6] from seed in Gen.Int[0, 1000]
        select (batch, context, width, seed), 19, 15,
        c =>
        {
            int[] shape = [c.context, c.width];
            var block = new Residual("block", new Sequential("mlp", new LayerNorm("ln", shape), new Linear("fc", shape, 3 * c.width), new Gelu("gelu", [c.context, 3 * c.width]),
                new Linear("proj", [c.context, 3 * c.width], c.width)));
            GradientCheck.Run(Initialized(block, (ulong)c.seed), c.batch, c.seed);
        });

    [Fact]
    public void AttentionIsCausal()
    {
        // Changing the last token may not change any earlier position's output.
        var attention = Initialized(new CausalSelfAttention("a", 5, 6, 2), 4);
        attention.Allocate(1);
        var random = new Random(2);
        var x = Enumerable.Range(0, 30).Select(_ => (float)GradientCheck.Gaussian(random)).ToArray();
        var y1 = new float[30];
        var y2 = new float[30];
        attention.Forward(x, y1, 1);
        for (int i = 24; i < 30; i++) x[i] += 3;
        attention.Forward(x, y2, 1);
        Assert.Equal(y1[..24], y2[..24]);
        Assert.NotEqual(y1[24..], y2[24..]);
    }

    [Fact]
    public void ZeroOutputGradientGivesZeroGradients()
    {
        var conv = Initialized(new Conv2d("c", [4, 4, 2], 3, 3, 3, 1, 1), 1);
        conv.Allocate(2);
        var x = Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i)).ToArray();
        var y = new float[2 * conv.OutputSize];
        conv.Forward(x, y, 2);
        var dx = new float[64];
        conv.Backward(x, y, new float[y.Length], dx, 2);
        Assert.All(dx, v => Assert.Equal(0f, v));
        Assert.All(conv.Parameters.SelectMany(p => p.Gradient), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void NaNInputPropagatesWithoutThrowing()
    {
        var gelu = new Gelu("g", [3]);
        var norm = Initialized(new LayerNorm("n", [3]), 1);
        var pool = new MaxPool2d("p", [2, 2, 1], 2, 2);
        foreach (Module m in (Module[])[gelu, norm, pool]) m.Allocate(1);
        var y = new float[3];
        gelu.Forward([float.NaN, 1, 2], y, 1);
        Assert.True(float.IsNaN(y[0]) && !float.IsNaN(y[1]));
        norm.Forward([float.NaN, 1, 2], y, 1);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
        var pooled = new float[1];
        pool.Forward([1, float.NaN, 3, 2], pooled, 1);
        Assert.True(float.IsNaN(pooled[0]));
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-1f)]
    [InlineData(7f)]
    public void BadTokenIdsAreRejected(float id)
    {
        var embedding = new TokenEmbedding("tokens", 7, 4, 2);
        embedding.Allocate(1);
        var error = Assert.Throws<ArgumentException>(() => embedding.Forward([0, id], new float[8], 1));
        Assert.Contains("token id", error.Message);
    }

    [Fact]
    public void ShapesThatDoNotFitAreRejected()
    {
        Assert.Contains("heads do not divide", Assert.Throws<ArgumentException>(() => new CausalSelfAttention("a", 4, 10, 3)).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => new Conv2d("c", [2, 2, 1], 1, 5, 5)).Message);
        Assert.Contains("makes", Assert.Throws<ArgumentException>(() => new Sequential("s", new Linear("a", [3], 4), new Linear("b", [5], 2))).Message);
        var linear = new Linear("l", [3], 2);
        Assert.Contains("Allocate", Assert.Throws<ArgumentException>(() => linear.Forward(new float[3], new float[2], 1)).Message);
        linear.Allocate(2);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => linear.Forward(new float[9], new float[6], 3)).Message);
    }
}
