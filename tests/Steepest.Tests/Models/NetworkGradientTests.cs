using Steepest.Data;
using Steepest.Models;

namespace Steepest.Tests.Models;

/// <summary>Whole models and the loss head against double references and finite differences.</summary>
public sealed class NetworkGradientTests
{
    [Theory]
    [InlineData("cnn:3-2", 1)]
    [InlineData("cnn:2", 3)]
    public void ConvnetBodies(string spec, int batch)
    {
        var network = ModelSpec.Parse(spec, DataShape.Images(6, 5, 1, 4)).Build(3);
        GradientCheck.Run(network.Body, batch, 7);
    }

    [Theory]
    [InlineData(1, 8, 2, 5, 1)]
    [InlineData(2, 6, 3, 4, 2)]
    public void GptBodies(int layers, int width, int heads, int context, int batch)
    {
        var network = ModelSpec.Parse($"gpt:layers={layers},width={width},heads={heads},context={context}", DataShape.Text(7)).Build(3);
        GradientCheck.Run(network.Body, batch, 11, vocabulary: 7, probes: 25);
    }

    [Fact]
    public void TheLossHeadIsTheGradientOfTheMeanCrossEntropy()
    {
        var random = new Random(4);
        foreach (var (rows, classes) in new[] { (1, 1), (1, 5), (6, 3), (4, 114) })
        {
            var logits = Enumerable.Range(0, rows * classes).Select(_ => (float)(3 * GradientCheck.Gaussian(random))).ToArray();
            var targets = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
            var head = new SoftmaxCrossEntropy(classes);
            var gradient = new float[logits.Length];
            var (loss, correct) = head.Compute(logits, targets, gradient, 1f / rows);
            var z = logits.Select(v => (double)v).ToArray();
            // z − max is formed in float (as the first MLP did), so agreement is to float resolution.
            Assert.Equal(ReferenceModules.CrossEntropy(z, targets, classes), loss, 1e-6 * Math.Max(1, loss));
            int expectedCorrect = Enumerable.Range(0, rows).Count(r => Array.IndexOf(logits, logits.Skip(r * classes).Take(classes).Max(), r * classes) - r * classes == targets[r]);
            Assert.Equal(expectedCorrect, correct);
            for (int i = 0; i < z.Length; i++)
            {
                double saved = z[i];
                z[i] = saved + 1e-6;
                double up = ReferenceModules.CrossEntropy(z, targets, classes);
                z[i] = saved - 1e-6;
                double down = ReferenceModules.CrossEntropy(z, targets, classes);
                z[i] = saved;
                Assert.Equal((up - down) / 2e-6 / rows, gradient[i], 1e-5);
            }
        }
    }

    [Fact]
    public void NextTokenLossAveragesOverEveryPosition()
    {
        var network = ModelSpec.Parse("gpt:layers=1,width=4,heads=1,context=3", DataShape.Text(5)).Build(2);
        network.Allocate(2);
        float[] inputs = [0, 1, 2, 3, 4, 0];
        int[] targets = [1, 2, 3, 4, 0, 1];
        var (sum, _) = network.Evaluate(inputs, targets, 2);
        var logits = network.Logits(inputs, 2).ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceModules.CrossEntropy(logits, targets, 5), sum, 1e-6);
        // A fresh model is near uniform: about log 5 nats per token.
        Assert.InRange(sum / 6, Math.Log(5) - 1.5, Math.Log(5) + 1.5);
    }
}
