using Steepest.Models;

namespace Steepest.Tests.Training;

public sealed class MlpTests
{
    [Theory]
    [InlineData("mlp:7-6-5-3")]
    [InlineData("mlp:7-6-5-3:gelu")]
    [InlineData("mlp:7-9-3:gelu")]
    [InlineData("softmax")]
    public void GradientsMatchFiniteDifferences(string spec)
    {
        var model = new Mlp(ModelSpec.Parse(spec, 7, 3), 11);
        var data = SyntheticData.Classification(5, 7, 3, 2);
        var workspace = new MlpWorkspace(model.Spec.Widths, 5);
        model.LossAndGradients(data.Features, data.Labels, 1f / 5, workspace);
        var analytic = model.Parameters.Select(p => (float[])p.Gradient.Clone()).ToArray();
        var random = new Random(3);
        for (int trial = 0; trial < 10; trial++)
        {
            // Directional derivative along a random direction, against a central difference of the mean loss.
            var direction = model.Parameters.Select(p => Enumerable.Range(0, p.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
            double predicted = 0;
            for (int i = 0; i < direction.Length; i++)
                for (int j = 0; j < direction[i].Length; j++) predicted += direction[i][j] * analytic[i][j];
            double Loss(float step)
            {
                for (int i = 0; i < direction.Length; i++)
                    for (int j = 0; j < direction[i].Length; j++) model.Parameters[i].Value[j] += step * direction[i][j];
                double loss = model.Evaluate(data.Features, data.Labels, workspace).LossSum / 5;
                for (int i = 0; i < direction.Length; i++)
                    for (int j = 0; j < direction[i].Length; j++) model.Parameters[i].Value[j] -= step * direction[i][j];
                return loss;
            }
            // Small enough that the step rarely crosses a ReLU kink, large enough for fp32 differences.
            const float epsilon = 1e-3f;
            double numeric = (Loss(epsilon) - Loss(-epsilon)) / (2 * epsilon);
            Assert.True(Math.Abs(numeric - predicted) <= 2e-3 * Math.Max(1, Math.Abs(predicted)), $"{spec} trial {trial}: numeric {numeric}, backprop {predicted}");
        }
    }

    [Fact]
    public void InitializationIsDeterministicAndScaledByFanIn()
    {
        var spec = ModelSpec.Parse("mlp:784-64-10", 784, 10);
        var a = new Mlp(spec, 7);
        var b = new Mlp(spec, 7);
        var c = new Mlp(spec, 8);
        Assert.Equal(a.Parameters[0].Value, b.Parameters[0].Value);
        Assert.NotEqual(a.Parameters[0].Value, c.Parameters[0].Value);
        float bound = 1 / MathF.Sqrt(784);
        Assert.All(a.Parameters[0].Value, v => Assert.InRange(v, -bound, bound));
        Assert.Equal(784 * 64 + 64 + 64 * 10 + 10, a.ParameterCount);
        Assert.Equal([Steepest.Optimizers.ParameterKind.Linear, Steepest.Optimizers.ParameterKind.Bias, Steepest.Optimizers.ParameterKind.Head, Steepest.Optimizers.ParameterKind.Bias],
            a.Parameters.Select(p => p.Kind));
        Assert.Equal([true, false, false, false], a.Parameters.Select(p => p.IsInputLayer));
    }

    [Theory]
    [InlineData("unknown model", "resnet50")]
    [InlineData("takes 100 inputs", "mlp:100-10")]
    [InlineData("has 9 outputs", "mlp:784-9")]
    [InlineData("not a layer width", "mlp:784-x-10")]
    [InlineData("unknown activation", "mlp:784-10:tanh")]
    [InlineData("at least an input and an output", "mlp:784")]
    public void ModelSpecsAreValidated(string expected, string spec) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => ModelSpec.Parse(spec, 784, 10)).Message);
}
