using System.Numerics.Tensors;
using CsCheck;
using Steepest.Data;
using Steepest.Models;
using Steepest.Norms;

namespace Steepest.Tests.Models;

/// <summary>The modular norm of real models: its masses and sensitivities, and the dualization properties of issue 13.</summary>
public sealed class ModularNormTests
{
    private static readonly Gen<Network> Models = Gen.OneOf(
        from inputs in Gen.Int[1, 12] from hidden in Gen.Int[1, 10].Array[0, 2] from classes in Gen.Int[2, 6] from seed in Gen.Int[0, 100]
        select ModelSpec.Parse($"mlp:{string.Join("-", [inputs, .. hidden, classes])}", DataShape.Vectors(inputs, classes)).Build((ulong)seed),
        from side in Gen.Int[4, 7] from channels in Gen.Int[1, 2] from filters in Gen.Int[1, 4] from seed in Gen.Int[0, 100]
        select ModelSpec.Parse($"cnn:{filters}", DataShape.Images(side, side, channels, 3)).Build((ulong)seed),
        from layers in Gen.Int[1, 2] from heads in Gen.Int[1, 2] from context in Gen.Int[1, 4] from vocabulary in Gen.Int[2, 6] from seed in Gen.Int[0, 100]
        select ModelSpec.Parse($"gpt:layers={layers},width={2 * heads},heads={heads},context={context}", DataShape.Text(vocabulary)).Build((ulong)seed));

    [Fact]
    public void DualizeAttainsTheDualNormInsideTheUnitBallOnRandomModels() => Property.ForAll(
        from network in Models from seed in Gen.Int[0, 1000] from sparse in Gen.Bool select (network, seed, sparse), 401, 30,
        c =>
        {
            var norm = c.network.ModularNorm();
            Assert.Equal(c.network.Parameters.Count, norm.Blocks.Count);
            var random = new Random(c.seed);
            // A sparse gradient zeroes whole parameters, as an unused embedding row or a dead layer would.
            double[] g = c.network.Parameters.SelectMany(p =>
            {
                bool off = c.sparse && random.Next(3) == 0;
                return Enumerable.Range(0, p.Length).Select(_ => off ? 0 : 2 * random.NextDouble() - 1);
            }).ToArray();
            double dual = norm.DualNorm(g);
            double[] t = norm.Dualize(g);
            Assert.Equal(dual, TensorPrimitives.Dot<double>(g, t), 1e-8 * Math.Max(1, dual));
            double size = norm.Value(t);
            Assert.InRange(size, g.Any(v => v != 0) ? 1 - 1e-9 : 0, 1 + 1e-9);
            for (int trial = 0; trial < 5; trial++)
            {
                double[] z = g.Select(_ => 2 * random.NextDouble() - 1).ToArray();
                Assert.True(TensorPrimitives.Dot<double>(g, z) / norm.Value(z) <= dual * (1 + 1e-9), "a point of the unit ball beats Dualize(g)");
            }
        }, c => $"{c.network.Description} seed {c.seed}");

    [Fact]
    public void AnMlpWeighsItsLayersByTotalMassOverTheirs()
    {
        var network = ModelSpec.Parse("mlp:6-5-4-3", DataShape.Vectors(6, 3)).Build(1);
        var norm = network.ModularNorm();
        Assert.All(norm.Blocks, b => Assert.Equal(3, b.Scale, 12));
        Assert.IsType<RmsOperatorNorm>(norm.Blocks[0].Norm);
        Assert.IsType<LInfinityNorm>(norm.Blocks[1].Norm);

        network.Body.Find("layer3")!.Tare(2); // the head now holds half of the mass
        Assert.Equal(4, network.Body.Mass, 12);
        Assert.Equal([4, 4, 4, 4, 2, 2], network.ModularNorm().Blocks.Select(b => Math.Round(b.Scale, 12)));
    }

    [Fact]
    public void AGptHasModulasMassesAndItsResidualsDoubleTheSensitivity()
    {
        var network = ModelSpec.Parse("gpt:layers=2,width=4,heads=2,context=3", DataShape.Text(5)).Build(1);
        var body = network.Body;
        Assert.Equal(0.5, body.Find("tokens")!.Mass, 12);
        Assert.Equal(GptSpec.BlocksMass / 2, body.Find("block1")!.Mass, 12);
        Assert.Equal(1 + 5 + 1 + 1, body.Mass, 12); // embeddings, blocks, final LayerNorm, head
        Assert.Equal(2, body.Find("block1.attention.residual")!.Sensitivity, 12);
        Assert.Equal(4, body.Find("block1")!.Sensitivity, 12);
        var scales = network.Parameters.Zip(network.ModularNorm().Blocks).ToDictionary(p => p.First.Name, p => p.Second.Scale);
        Assert.Equal(8, scales["head.weight"], 12);
        // The embedding sits under four residuals: μ/μ_tokens · 2⁴.
        Assert.Equal(8 / 0.5 * 16, scales["tokens.weight"], 9);
        Assert.IsType<RowRmsNorm>(network.ModularNorm().Blocks[0].Norm);
    }

    [Fact]
    public void MassesRejectNonsense()
    {
        var network = ModelSpec.Parse("mlp:6-5-3", DataShape.Vectors(6, 3)).Build(1);
        Assert.Throws<ArgumentException>(() => network.Body.Find("layer1")!.Tare(0));
        Assert.Throws<ArgumentException>(() => network.Body.Find("layer1")!.Tare(double.NaN));
        Assert.Throws<ArgumentException>(() => network.Body.Find("relu1")!.Tare(1));
        Assert.Null(network.Body.Find("nothing"));
    }
}
