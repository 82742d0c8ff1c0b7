using System.Numerics.Tensors;
using CsCheck;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

public sealed class PenalizedLinearSolverTests
{
    private static readonly ConvexPenalty Cubic = ConvexPenalty.PowerSum(3);

    /// <summary>Σ|Δᵢ|³ without its prox: the solver sees only values and subgradients.</summary>
    private static readonly ConvexPenalty CubicBlackBox = ConvexPenalty.FromFunctions("Σ|Δᵢ|³", x => Cubic.Value(x), (x, s) => Cubic.Subgradient(x, s));

    private static readonly Gen<(double[] G, double Alpha)> Problems =
        from n in Gen.Int[1, 300]
        from g in Gen.Double[-10, 10].Array[n]
        from alpha in Gen.Double[0.05, 5]
        select (g, alpha);

    [Fact]
    public void CubicPenaltyMatchesItsSeparableClosedFormOnBothPaths()
    {
        // gᵢ + (3/α)|Δᵢ|Δᵢ = 0  ⇒  Δᵢ = −sign(gᵢ)·√(α|gᵢ|/3).
        Property.ForAll(Problems, 501, 30, p =>
        {
            double[] expected = p.G.Select(g => -Math.Sign(g) * Math.Sqrt(p.Alpha * Math.Abs(g) / 3)).ToArray();
            // Coordinates with tiny |gᵢ| have curvature ∝ √|gᵢ|, so F is flat there and the minimizer is ill-determined
            // while the objective is not: assert the objective tightly and the point loosely.
            double optimum = p.G.Zip(expected).Sum(t => t.First * t.Second) + Cubic.Value(expected) / p.Alpha;
            double scale = TensorPrimitives.Norm<double>(expected) + 1e-12;
            var exact = PenalizedLinearSolver.Solve(p.G, p.Alpha, Cubic);
            Assert.True(exact.Status == SolverStatus.Converged && exact.ResidualRadius == 0, exact.Summary);
            Assert.True(Math.Abs(exact.Objective - optimum) <= 1e-10 * Math.Abs(optimum) + 1e-300, exact.Summary);
            Assert.True(TensorPrimitives.Distance<double>(exact.Minimizer, expected) <= 1e-4 * scale, exact.Summary);

            // Values and subgradients only: the black-box path may end Stalled at the roundoff floor of that flat
            // landscape; it must still be accurate and say how accurate.
            var blackBox = PenalizedLinearSolver.Solve(p.G, p.Alpha, CubicBlackBox);
            Assert.True(blackBox.Status is SolverStatus.Converged or SolverStatus.Stalled, blackBox.Summary);
            Assert.True(blackBox.Residual <= 1e-6 * TensorPrimitives.Norm<double>(p.G), blackBox.Summary);
            Assert.True(Math.Abs(blackBox.Objective - optimum) <= 1e-10 * Math.Abs(optimum) + 1e-300, blackBox.Summary);
            Assert.True(TensorPrimitives.Distance<double>(blackBox.Minimizer, expected) <= 1e-4 * scale, blackBox.Summary);
        });
    }

    [Fact]
    public void UnsquaredL1IsUnboundedExactlyWhenAlphaTimesMaxGradientExceedsOne()
    {
        var l1 = new L1Norm();
        var withProx = ConvexPenalty.NormOf(l1);
        var blackBox = ConvexPenalty.FromFunctions("‖Δ‖₁", x => l1.Value(x), (x, s) => l1.Subgradient(x, s));
        var cases = from n in Gen.Int[1, 60] from g in Gen.Double[-3, 3].Array[n] from alpha in Gen.Double[0.1, 4] select (g, alpha);
        Property.ForAll(cases, 502, 40, p =>
        {
            double max = p.g.Max(Math.Abs);
            if (Math.Abs(p.alpha * max - 1) < 0.05) return; // too close to the threshold to call either way
            foreach (var penalty in (ConvexPenalty[])[withProx, blackBox])
            {
                var solution = PenalizedLinearSolver.Solve(p.g, p.alpha, penalty);
                if (p.alpha * max > 1)
                {
                    Assert.True(solution.Status == SolverStatus.Unbounded, solution.Summary);
                    double[] v = solution.RecessionDirection!;
                    // The recession slope of ⟨g,Δ⟩ + ‖Δ‖₁/α along v is ⟨g,v⟩ + ‖v‖₁/α: it must really be negative.
                    Assert.True(TensorPrimitives.Dot<double>(p.g, v) + l1.Value(v) / p.alpha < 0);
                    Assert.True(solution.RecessionSlope < 0);
                }
                else
                {
                    // ⟨g,Δ⟩ ≥ −‖g‖∞‖Δ‖₁ > −‖Δ‖₁/α, so the minimum is 0, attained at Δ = 0.
                    Assert.True(solution.Status == SolverStatus.Converged, solution.Summary);
                    Assert.True(solution.Objective <= 1e-9 && solution.Objective >= -1e-12, solution.Summary);
                }
            }
        });
    }

    [Fact]
    public void BoundedBelowButNotAttainedEndsWithinItsBudgetAndIsNotCalledUnbounded()
    {
        // F(Δ) = Σ Δᵢ + Σ exp(Δᵢ): infimum −∞? No: Δ + e^Δ → −∞ as Δ → −∞. Use F = Σ −Δᵢ·0 + e^{Δᵢ} with g = 0 instead,
        // whose infimum 0 is approached as Δ → −∞ and never attained.
        var exponential = ConvexPenalty.FromFunctions("Σ e^Δᵢ",
            x => x.ToArray().Sum(Math.Exp),
            (x, s) => { for (int i = 0; i < x.Length; i++) s[i] = Math.Exp(x[i]); });
        var options = new PenalizedSolverOptions { MaxIterations = 300, MaxEvaluations = 20_000 };
        var solution = PenalizedLinearSolver.Solve([0.0, 0.0], 1, exponential, options);
        Assert.NotEqual(SolverStatus.Unbounded, solution.Status);
        Assert.True(solution.Iterations <= 300 && solution.Evaluations <= 20_000 + 100, solution.Summary);
        Assert.True(solution.Objective >= 0 && solution.Objective < 1e-3, solution.Summary);
    }

    [Fact]
    public void NaNFromThePenaltyIsReportedNotLoopedOn()
    {
        var broken = ConvexPenalty.FromFunctions("broken", x => x[0] > 0.1 ? double.NaN : x[0] * x[0], (x, s) => s[0] = 2 * x[0]);
        var solution = PenalizedLinearSolver.Solve([-1.0], 1, broken);
        Assert.Equal(SolverStatus.NotFinite, solution.Status);
    }

    [Fact]
    public void GradientSamplingHandlesAKinkWithoutAProx()
    {
        // ‖Δ‖∞² is nonsmooth exactly at its minimizer −(α/2)‖g‖₁·sign(g); with values and subgradients only,
        // the solver must still land close to the closed form.
        var linf = new LInfinityNorm();
        var squared = ConvexPenalty.SquaredNorm(linf);
        double[] g = [3, -1, 0.5, 2];
        var solution = PenalizedLinearSolver.Solve(g, 0.1, squared, new PenalizedSolverOptions { UseProx = false });
        double closed = -0.1 / 4 * Math.Pow(g.Sum(Math.Abs), 2);
        Assert.True(solution.Objective >= closed - 1e-12);
        Assert.True(Math.Abs(solution.Objective - closed) <= 1e-6 * Math.Abs(closed), solution.Summary);
    }

    [Fact]
    public void ValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => PenalizedLinearSolver.Solve(ReadOnlySpan<double>.Empty, 1, Cubic));
        Assert.Throws<ArgumentException>(() => PenalizedLinearSolver.Solve([double.NaN], 1, Cubic));
        Assert.Throws<ArgumentOutOfRangeException>(() => PenalizedLinearSolver.Solve([1.0], 0, Cubic));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvexPenalty.PowerSum(0.5));
    }
}
