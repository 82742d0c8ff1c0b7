using System.Numerics.Tensors;
using CsCheck;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

/// <summary>
/// The acceptance properties of issue 2, for every norm of the catalogue: ⟨g, Dualize(g)⟩ = ‖g‖* and ‖Dualize(g)‖ ≤ 1;
/// the closed-form step's objective never loses to the general solver, agrees with it to 1e-4, and beats 100 perturbations.
/// </summary>
public sealed class NormPropertyTests
{
    private static readonly Gen<Norm> L2 = Gen.Const<Norm>(new L2Norm());
    private static readonly Gen<Norm> LInf = Gen.Const<Norm>(new LInfinityNorm());
    private static readonly Gen<Norm> L1 = Gen.Const<Norm>(new L1Norm());
    private static readonly Gen<Norm> Lp = Gen.Double[1.15, 8].Select(p => (Norm)new LpNorm(p));

    [Fact] public void L2Properties() => Property.ForAll(NormCase.VectorNorm(() => L2), 201, 40, Check);
    [Fact] public void LInfinityProperties() => Property.ForAll(NormCase.VectorNorm(() => LInf), 202, 40, Check);
    [Fact] public void L1Properties() => Property.ForAll(NormCase.VectorNorm(() => L1), 203, 40, Check);
    [Fact] public void LpProperties() => Property.ForAll(NormCase.VectorNorm(() => Lp), 204, 40, Check);
    [Fact] public void WeightedL2Properties() => Property.ForAll(NormCase.Weighted, 205, 40, Check);
    [Fact] public void FrobeniusProperties() => Property.ForAll(NormCase.Matrix((r, c) => new FrobeniusNorm(r, c), 64), 206, 25, Check);
    [Fact] public void SpectralProperties() => Property.ForAll(NormCase.Matrix((r, c) => new SpectralNorm(r, c), 64), 207, 12, Check);
    [Fact] public void RmsOperatorProperties() => Property.ForAll(NormCase.Matrix((r, c) => new RmsOperatorNorm(r, c), 64), 208, 12, Check);
    [Fact] public void RowRmsProperties() => Property.ForAll(NormCase.Matrix((r, c) => new RowRmsNorm(r, c), 64), 210, 25, Check);
    [Fact] public void MaxCombinationProperties() => Property.ForAll(NormCase.Block, 209, 25, Check);

    private static void Check(NormCase c)
    {
        var random = new Random(c.G.Length * 31 + 7);
        CheckDualization(c, random);
        CheckSubgradientAndProjection(c, random);
        CheckStepAgainstSolverAndPerturbations(c, random);
    }

    private static void CheckDualization(NormCase c, Random random)
    {
        var (norm, g) = (c.Norm, c.G);
        double dual = norm.DualNorm(g);
        double[] t = norm.Dualize(g);
        bool zero = g.All(v => v == 0);
        Assert.True(Close(TensorPrimitives.Dot<double>(g, t), dual, 1e-6), $"⟨g,t⟩ = {TensorPrimitives.Dot<double>(g, t)} but ‖g‖* = {dual}");
        double size = norm.Value(t);
        Assert.True(size <= 1 + 1e-6, $"‖Dualize(g)‖ = {size} > 1");
        if (!zero) Assert.True(size >= 1 - 1e-6, $"‖Dualize(g)‖ = {size} < 1 for nonzero g");
        else Assert.Equal(0, dual);

        // The dual norm is a maximum: no random point of the unit ball does better.
        for (int trial = 0; trial < 10; trial++)
        {
            double[] z = RandomVector(random, g.Length, 1);
            double zNorm = norm.Value(z);
            if (zNorm == 0) continue;
            double inner = TensorPrimitives.Dot<double>(g, z) / zNorm;
            Assert.True(inner <= dual * (1 + 1e-9) + 1e-12, $"⟨g, z/‖z‖⟩ = {inner} exceeds ‖g‖* = {dual}");
        }
    }

    private static void CheckSubgradientAndProjection(NormCase c, Random random)
    {
        var norm = c.Norm;
        int n = c.G.Length;
        double[] x = RandomVector(random, n, 3);
        var s = new double[n];
        norm.Subgradient(x, s);
        double value = norm.Value(x);
        Assert.True(Close(TensorPrimitives.Dot<double>(s, x), value, 1e-9), $"⟨s,x⟩ = {TensorPrimitives.Dot<double>(s, x)} ≠ ‖x‖ = {value}");
        Assert.True(norm.DualNorm(s) <= 1 + 1e-9, $"‖s‖* = {norm.DualNorm(s)} > 1");

        double radius = value * random.NextDouble();
        var p = new double[n];
        norm.ProjectOntoBall(x, radius, p);
        Assert.True(norm.Value(p) <= radius * (1 + 1e-8) + 1e-300, $"projection has norm {norm.Value(p)} > r = {radius}");
        // Variational inequality of the Euclidean projection onto a convex set: ⟨x − p, z − p⟩ ≤ 0 for z in the ball.
        var z = new double[n];
        for (int trial = 0; trial < 5; trial++)
        {
            norm.ProjectOntoBall(RandomVector(random, n, 3), radius, z);
            double inner = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                inner += (x[i] - p[i]) * (z[i] - p[i]);
                scale += Math.Abs((x[i] - p[i]) * (z[i] - p[i]));
            }
            Assert.True(inner <= 1e-6 * scale + 1e-12, $"projection optimality violated: ⟨x−p, z−p⟩ = {inner}");
        }
    }

    private static void CheckStepAgainstSolverAndPerturbations(NormCase c, Random random)
    {
        var (norm, g, alpha) = (c.Norm, c.G, c.Alpha);
        double[] u = norm.SteepestStep(g, alpha);
        double dual = norm.DualNorm(g);
        double[] t = norm.Dualize(g);
        for (int i = 0; i < u.Length; i++)
            Assert.True(Math.Abs(u[i] + 0.5 * alpha * dual * t[i]) <= 1e-12 * (Math.Abs(u[i]) + alpha * dual), $"u[{i}] ≠ −(α/2)·‖g‖*·t[{i}]");

        double Objective(double[] delta)
        {
            double size = norm.Value(delta);
            return TensorPrimitives.Dot<double>(g, delta) + size * size / alpha;
        }

        double closed = Objective(u);
        double predicted = -alpha / 4 * dual * dual;
        double scale = Math.Max(Math.Abs(predicted), 1e-300);
        Assert.True(Math.Abs(closed - predicted) <= 1e-9 * scale, $"F(u) = {closed} but −(α/4)‖g‖*² = {predicted}");

        var solution = PenalizedLinearSolver.Solve(g, alpha, ConvexPenalty.SquaredNorm(norm));
        Assert.True(solution.Status == SolverStatus.Converged, solution.Summary);
        Assert.True(closed <= solution.Objective + 1e-9 * scale, $"the solver beat the closed form: {solution.Objective} < {closed}");
        Assert.True(Math.Abs(closed - solution.Objective) <= 1e-4 * scale + 1e-300,
            $"closed form {closed} vs solver {solution.Objective} ({solution.Summary})");

        double stepSize = Math.Max(TensorPrimitives.Norm<double>(u), 1e-3);
        for (int trial = 0; trial < 100; trial++)
        {
            double magnitude = stepSize * Math.Pow(10, -6 + 6 * random.NextDouble());
            double[] perturbed = RandomVector(random, u.Length, 1);
            double length = TensorPrimitives.Norm<double>(perturbed);
            for (int i = 0; i < u.Length; i++) perturbed[i] = u[i] + magnitude * perturbed[i] / length;
            double other = Objective(perturbed);
            Assert.True(closed <= other + 1e-12 * scale, $"perturbation {trial} lowered the objective: {other} < {closed}");
        }
    }

    private static double[] RandomVector(Random random, int n, double scale)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = scale * (2 * random.NextDouble() - 1);
        return x;
    }

    private static bool Close(double actual, double expected, double relative) =>
        Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), Math.Abs(actual)) + 1e-300;
}
