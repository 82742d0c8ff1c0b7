using Steepest.Data;
using Steepest.Models;
using Steepest.Optimizers;
using Steepest.Optimizers.Transforms;

namespace Steepest.Tests.Models;

public sealed class ModelSpecTests
{
    private static readonly DataShape Mnist = DataShape.Images(28, 28, 1, 10);
    private static readonly DataShape Bytes = DataShape.Text(114);

    [Fact]
    public void TheCnnIsConvReluPoolPerEntryThenALinearClassifier()
    {
        var spec = ModelSpec.Parse("cnn:32-64", Mnist);
        Assert.Equal("cnn:32-64", spec.ToString());
        var network = spec.Build(0);
        Assert.Equal(["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "head.weight", "head.bias"], network.Parameters.Select(p => p.Name));
        Assert.Equal([32, 1, 3, 3], network.Parameters[0].Shape);
        Assert.Equal([64, 32, 3, 3], network.Parameters[2].Shape);
        Assert.Equal([10, 7 * 7 * 64], network.Parameters[4].Shape);
        Assert.Equal([ParameterKind.Conv, ParameterKind.Bias, ParameterKind.Conv, ParameterKind.Bias, ParameterKind.Head, ParameterKind.Bias], network.Parameters.Select(p => p.Kind));
        Assert.True(network.Parameters[0].IsInputLayer);
        Assert.False(network.Parameters[2].IsInputLayer);
        // As a matrix, a conv is out × in·kh·kw.
        Assert.Equal((64, 288), (network.Parameters[2].Rows, network.Parameters[2].Columns));
        Assert.Equal(32 * 9 + 32 + 64 * 288 + 64 + 10 * 3136 + 10, network.ParameterCount);
    }

    [Fact]
    public void TheGptOfTheAcceptanceRunHas442482ParametersOver114Bytes()
    {
        // The PyTorch model of the same shape (biases everywhere, untied head) has exactly this many.
        var spec = ModelSpec.Parse("gpt:layers=2,width=128,heads=4,context=128", Bytes);
        Assert.Equal("gpt:layers=2,width=128,heads=4,context=128", spec.ToString());
        var network = spec.Build(0);
        Assert.Equal(442_482, network.ParameterCount);
        Assert.Equal(128, network.InputSize);
        Assert.Equal(128, network.TargetsPerExample);
        var kinds = network.Parameters.ToDictionary(p => p.Name, p => p.Kind);
        Assert.Equal(ParameterKind.Embedding, kinds["tokens.weight"]);
        Assert.Equal(ParameterKind.Embedding, kinds["positions.weight"]);
        Assert.Equal(ParameterKind.Linear, kinds["block1.attention.qkv.weight"]);
        Assert.Equal(ParameterKind.Linear, kinds["block2.mlp.proj.weight"]);
        Assert.Equal(ParameterKind.NormGain, kinds["block1.ln1.gain"]);
        Assert.Equal(ParameterKind.Head, kinds["head.weight"]);
        Assert.Equal([384, 128], network.Parameters.Single(p => p.Name == "block1.attention.qkv.weight").Shape);
        Assert.Equal([512, 128], network.Parameters.Single(p => p.Name == "block1.mlp.fc.weight").Shape);
    }

    [Fact]
    public void MuonTakesTheHiddenMatricesAndAdamWTheRest()
    {
        foreach (var (text, data, muon) in new[]
        {
            ("cnn:8-16", Mnist, new[] { "conv2.weight" }),
            ("gpt:layers=2,width=8,heads=2,context=4", Bytes, new[] { "block1.attention.qkv.weight", "block1.attention.proj.weight", "block1.mlp.fc.weight",
                "block1.mlp.proj.weight", "block2.attention.qkv.weight", "block2.attention.proj.weight", "block2.mlp.fc.weight", "block2.mlp.proj.weight" }),
            ("mlp:784-32-16-10", Mnist, new[] { "layer2.weight" }),
        })
        {
            var network = ModelSpec.Parse(text, data).Build(1);
            Assert.Equal(muon, network.Parameters.Where(Recipes.IsHiddenMatrix).Select(p => p.Name));
            var optimizer = new Optimizer(OptimizerCatalogue.Create("muon"), network.Parameters);
            var state = (PartitionState)optimizer.State;
            var routed = state.Groups.Single(g => g.Label == "muon").Indices.Select(i => network.Parameters[i].Name);
            Assert.Equal(muon, routed);
        }
        // --muon-input adds the first conv.
        var cnn = ModelSpec.Parse("cnn:8-16", Mnist).Build(1);
        Assert.Equal(["conv1.weight", "conv2.weight"], cnn.Parameters.Where(Recipes.IsWeightMatrix).Select(p => p.Name));
    }

    [Fact]
    public void BuildingIsDeterministicInTheSeed()
    {
        var spec = ModelSpec.Parse("gpt:layers=1,width=8,heads=2,context=4", Bytes);
        var a = spec.Build(5);
        var b = spec.Build(5);
        var c = spec.Build(6);
        for (int i = 0; i < a.Parameters.Count; i++) Assert.Equal(a.Parameters[i].Value, b.Parameters[i].Value);
        Assert.NotEqual(a.Parameters[0].Value, c.Parameters[0].Value);
        // nn.Embedding's N(0, 1) and nn.LayerNorm's γ = 1.
        var tokens = a.Parameters[0].Value;
        Assert.InRange(tokens.Average(), -0.5, 0.5);
        Assert.All(a.Parameters.Single(p => p.Name == "block1.ln1.gain").Value, v => Assert.Equal(1f, v));
    }

    [Theory]
    [InlineData("needs images", "cnn:8", "vectors")]
    [InlineData("at most 4 blocks", "cnn:1-1-1-1-1", "mnist")]
    [InlineData("not a channel count", "cnn:8-x", "mnist")]
    [InlineData("not a channel count", "cnn:", "mnist")]
    [InlineData("language model", "gpt:layers=1,width=8,heads=2,context=4", "mnist")]
    [InlineData("for text use gpt", "mlp:784-10", "text")]
    [InlineData("heads do not divide", "gpt:layers=1,width=10,heads=3,context=4", "text")]
    [InlineData("context= is missing", "gpt:layers=1,width=8,heads=2", "text")]
    [InlineData("given twice", "gpt:layers=1,layers=2,width=8,heads=2,context=4", "text")]
    [InlineData("is not one of", "gpt:layers=1,width=8,heads=2,context=4,dropout=1", "text")]
    [InlineData("not a layer count", "gpt:layers=0,width=8,heads=2,context=4", "text")]
    [InlineData("unknown model", "resnet50", "mnist")]
    [InlineData("unknown model", "gpt", "text")]
    public void BadSpecsAreOneClearLine(string expected, string spec, string data)
    {
        var shape = data switch { "mnist" => Mnist, "text" => Bytes, _ => DataShape.Vectors(20, 5) };
        string message = Assert.Throws<ArgumentException>(() => ModelSpec.Parse(spec, shape)).Message;
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void MlpOnImagesFlattensFirstAndKeepsItsParameterNames()
    {
        var network = ModelSpec.Parse("mlp:784-16-10", Mnist).Build(0);
        Assert.Equal(["layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"], network.Parameters.Select(p => p.Name));
        // The same draws as on flat vectors: the image shape changes nothing but the flatten.
        var flat = ModelSpec.Parse("mlp:784-16-10", 784, 10).Build(0);
        for (int i = 0; i < 4; i++) Assert.Equal(flat.Parameters[i].Value, network.Parameters[i].Value);
    }
}
