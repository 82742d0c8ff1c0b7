using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Tests.Models;

/// <summary>
/// Checks a module's float forward pass against <see cref="ReferenceModules"/> and its float backward pass against
/// central finite differences of the double reference: for a random cotangent r, L(x, θ) = Σ r∘f(x; θ), so
/// ∂L/∂x and ∂L/∂θ are exactly what Backward returns for ∂y = r.
/// </summary>
internal static class GradientCheck
{
    /// <param name="module">The module (its parameters already initialized).</param>
    /// <param name="batch">Examples.</param>
    /// <param name="seed">Seed of the input and the cotangent.</param>
    /// <param name="vocabulary">For token inputs: ids are drawn in [0, vocabulary) and get no gradient.</param>
    /// <param name="probes">Finite differences per tensor (random entries; all when the tensor is smaller).</param>
    public static void Run(Module module, int batch, int seed, int vocabulary = 0, int probes = 40)
    {
        var random = new Random(seed);
        module.Allocate(batch);
        var x = new float[batch * module.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = vocabulary > 0 ? random.Next(vocabulary) : (float)Gaussian(random);
        var r = new float[batch * module.OutputSize];
        for (int i = 0; i < r.Length; i++) r[i] = (float)Gaussian(random);

        var y = new float[r.Length];
        module.Forward(x, y, batch);
        var dx = new float[x.Length];
        module.Backward(x, y, r, vocabulary > 0 ? [] : dx, batch);
        var analytic = module.Parameters.ToDictionary(p => p, p => (float[])p.Gradient.Clone());

        var values = module.Parameters.ToDictionary(p => p, p => p.Value.Select(v => (double)v).ToArray());
        var xd = x.Select(v => (double)v).ToArray();
        var reference = ReferenceModules.Forward(module, xd, batch, values);
        double scale = 1 + reference.Max(Math.Abs);
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs(y[i] - reference[i]) <= 2e-5 * scale, $"{module.Name} forward[{i}] = {y[i]}, reference {reference[i]}");

        double Loss() => ReferenceModules.Forward(module, xd, batch, values).Select((v, i) => v * r[i]).Sum();
        if (vocabulary == 0) Compare($"{module.Name} ∂x", dx, xd, Loss, random, probes);
        foreach (var p in module.Parameters) Compare($"{p.Name}", analytic[p], values[p], Loss, random, probes);
    }

    public static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>‖analytic − numeric‖ ≤ 1e-4·‖numeric‖ + 1e-6 over the probed entries of <paramref name="variable"/>.</summary>
    private static void Compare(string what, float[] analytic, double[] variable, Func<double> loss, Random random, int probes)
    {
        var indices = variable.Length <= probes ? Enumerable.Range(0, variable.Length).ToArray()
            : Enumerable.Range(0, probes).Select(_ => random.Next(variable.Length)).Distinct().ToArray();
        double error = 0, norm = 0;
        string worst = "";
        double worstGap = -1;
        foreach (int i in indices)
        {
            double saved = variable[i], h = 1e-5 * Math.Max(1, Math.Abs(saved));
            variable[i] = saved + h;
            double up = loss();
            variable[i] = saved - h;
            double down = loss();
            variable[i] = saved;
            double numeric = (up - down) / (2 * h), gap = Math.Abs(analytic[i] - numeric);
            error += gap * gap;
            norm += numeric * numeric;
            if (gap > worstGap) (worstGap, worst) = (gap, $"[{i}]: backward {analytic[i]}, finite difference {numeric}");
        }
        Assert.True(Math.Sqrt(error) <= 1e-4 * Math.Sqrt(norm) + 1e-6, $"{what}: relative error {Math.Sqrt(error / Math.Max(norm, 1e-300)):E2}; worst {worst}");
    }
}
