using Steepest.Data;
using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Tests.Optimizers;

/// <summary>steepest:modular: the steepest step under the model's modular norm, against the norm itself and against steepest:rms.</summary>
public sealed class ModularTests
{
    private static void FillGradients(IEnumerable<Parameter> parameters, int seed)
    {
        var random = new Random(seed);
        foreach (var p in parameters)
            for (int i = 0; i < p.Length; i++) p.Gradient[i] = (float)(2 * random.NextDouble() - 1);
    }

    /// <summary>θ after one step from θ = 0 with gradients drawn from <paramref name="seed"/>, i.e. the update.</summary>
    private static float[][] Update(GradientTransform transform, IReadOnlyList<Parameter> parameters, int seed)
    {
        foreach (var p in parameters) Array.Clear(p.Value);
        FillGradients(parameters, seed);
        new Optimizer(transform, parameters).Step();
        return parameters.Select(p => (float[])p.Value.Clone()).ToArray();
    }

    [Fact]
    public void OnAOneLinearModelItIsSteepestRms()
    {
        foreach (var (outputs, inputs) in new[] { (3, 7), (8, 2), (5, 5), (1, 4) })
        {
            var network = new Network("one linear", new Linear("fc", [inputs], outputs, bias: false));
            var modular = Update(Recipes.Modular(network.ModularNorm(), learningRate: 0.3, momentum: 0, exact: true), network.Parameters, outputs);
            var rms = Update(OptimizerCatalogue.Create("steepest:rms", new OptimizerSettings { LearningRate = 0.3 }), network.Parameters, outputs);
            for (int i = 0; i < rms[0].Length; i++) Assert.Equal(rms[0][i], modular[0][i], 1e-5);
            Assert.Contains(rms[0], v => v != 0);
        }
    }

    [Fact]
    public void ExactStepIsMinusEtaTimesDualNormTimesTheNormsDualize()
    {
        foreach (string spec in (string[])["mlp:6-5-4-3", "mlp:9-3"])
        {
            var network = ModelSpec.Parse(spec, DataShape.Vectors(int.Parse(spec[4..spec.IndexOf('-')]), 3)).Build(2);
            var norm = network.ModularNorm();
            var step = Update(Recipes.Modular(norm, learningRate: 0.05, momentum: 0, exact: true), network.Parameters, 11);
            FillGradients(network.Parameters, 11);
            double[] g = network.Parameters.SelectMany(p => p.Gradient.Select(v => (double)v)).ToArray();
            double[] t = norm.Dualize(g);
            double dual = norm.DualNorm(g);
            double[] flat = step.SelectMany(s => s.Select(v => (double)v)).ToArray();
            for (int i = 0; i < g.Length; i++) Assert.Equal(-0.05 * dual * t[i], flat[i], 1e-4 * Math.Max(1, Math.Abs(flat[i])));
        }
    }

    [Fact]
    public void TheFastStepIsCloseToTheExactOneAndMomentumScalesTheFirstStep()
    {
        var network = ModelSpec.Parse("mlp:20-16-12-4", DataShape.Vectors(20, 4)).Build(3);
        var exact = Update(Recipes.Modular(network.ModularNorm(), momentum: 0, exact: true), network.Parameters, 5);
        var fast = Update(Recipes.Modular(network.ModularNorm(), momentum: 0), network.Parameters, 5);
        double difference = 0, size = 0;
        for (int k = 0; k < exact.Length; k++)
            for (int i = 0; i < exact[k].Length; i++)
            {
                difference += Math.Pow(exact[k][i] - fast[k][i], 2);
                size += Math.Pow(exact[k][i], 2);
            }
        Assert.InRange(Math.Sqrt(difference / size), 1e-6, 0.5); // Newton–Schulz is an approximation, but of this step

        // m₁ = (1−β)·g, and the steepest step is homogeneous of degree 1 in g.
        var withMomentum = Update(Recipes.Modular(network.ModularNorm(), momentum: 0.9), network.Parameters, 5);
        for (int k = 0; k < fast.Length; k++)
            for (int i = 0; i < fast[k].Length; i++) Assert.Equal(0.1 * fast[k][i], withMomentum[k][i], 1e-5);
    }

    [Fact]
    public void ZeroAndNonFiniteGradients()
    {
        var network = ModelSpec.Parse("mlp:4-3-2", DataShape.Vectors(4, 2)).Build(1);
        var optimizer = new Optimizer(Recipes.Modular(network.ModularNorm()), network.Parameters);
        var before = network.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();
        foreach (var p in network.Parameters) Array.Clear(p.Gradient);
        optimizer.Step();
        Assert.Equal(before, network.Parameters.Select(p => p.Value).ToArray());
        network.Parameters[1].Gradient[0] = float.NaN;
        optimizer.Step();
        Assert.All(network.Parameters, p => Assert.Contains(p.Value, float.IsNaN));
    }

    [Fact]
    public void TheCatalogueNeedsTheModelAndChecksMomentum()
    {
        Assert.Contains("needs a model", Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("steepest:modular")).Message);
        var norm = ModelSpec.Parse("mlp:4-3-2", DataShape.Vectors(4, 2)).Build(1).ModularNorm();
        Assert.Contains("scale_by_modular_direction", OptimizerCatalogue.Create("steepest:modular", new OptimizerSettings { ModelNorm = norm }).Name);
        Assert.Contains("no momentum", Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("adamw", new OptimizerSettings { Momentum = 0.5 })).Message);
        Assert.ThrowsAny<ArgumentException>(() => OptimizerCatalogue.Create("momentum", new OptimizerSettings { Momentum = 1 }));
        Assert.Equal(0.1, OptimizerCatalogue.DefaultLearningRate("steepest:modular"));
        Assert.Equal(0.02, OptimizerCatalogue.DefaultLearningRate("muon"));
        Assert.Equal(1e-3, OptimizerCatalogue.DefaultLearningRate("adamw"));
        var wrong = ModelSpec.Parse("mlp:5-3-2", DataShape.Vectors(5, 2)).Build(1);
        Assert.Throws<ArgumentException>(() => new Optimizer(Recipes.Modular(norm), wrong.Parameters));
    }
}
