using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>
/// L-BFGS with a weak-Wolfe line search on F's value and subgradient, which reaches smooth minimizers to full
/// precision; where it creeps at a kink it hands its point to <see cref="GradientSampling"/>.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Curvature pairs kept: the usual 5–20; more buys nothing on these small problems.</summary>
    private const int Memory = 10;

    /// <summary>A pair is kept only when sᵀy exceeds this times ‖s‖‖y‖: a flatter one would make H indefinite in roundoff.</summary>
    private const double CurvatureTolerance = 1e-16;

    /// <summary>The first step's length never falls below this, so that x = 0 with g = 0 still moves.</summary>
    private const double MinimumFirstStep = 1e-8;

    /// <summary>F counts as flat when it has fallen by no more than FlatTolerance·|F| over the last FlatWindow iterations.</summary>
    private const int FlatWindow = 30;

    /// <summary>See <see cref="FlatWindow"/>: a relative fall at the level of double's roundoff.</summary>
    private const double FlatTolerance = 1e-15;

    /// <summary>Added to |F| in the flatness test so that it still means something at F = 0.</summary>
    private const double FlatFloor = 1e-300;

    /// <summary>Flat iterations without a 10 % smaller subgradient before L-BFGS gives up and gradient sampling takes over.</summary>
    private const int Patience = 100;

    /// <summary>Progress means a subgradient norm below this fraction of the best so far.</summary>
    private const double Progress = 0.9;

    /// <summary>Minimizes F from 0.</summary>
    public static PenalizedSolution Solve(PenalizedObjective f)
    {
        const SolverMethod method = SolverMethod.Lbfgs;
        int n = f.Dimension;
        var x = new double[n];
        var subgradient = new double[n];
        double value = f.ValueAndSubgradient(x, subgradient);
        if (!double.IsFinite(value)) return f.Result(x, value, SolverStatus.NotFinite, double.NaN, 0, method);
        var steps = new List<double[]>();
        var changes = new List<double[]>();
        var direction = new double[n];
        var trial = new double[n];
        var trialSubgradient = new double[n];
        var recentValues = new Queue<double>();
        double bestResidual = double.PositiveInfinity;
        int sinceProgress = 0;
        bool first = true;

        while (!f.OutOfBudget)
        {
            double residual = Norm2(subgradient);
            if (residual <= f.TargetResidual) return f.Result(x, value, SolverStatus.Converged, residual, 0, method);
            f.CountIteration();

            TwoLoopDirection(subgradient, steps, changes, direction);
            double slope = OrderedSums.Dot(direction, subgradient);
            if (!(slope < 0))
            {
                steps.Clear(); changes.Clear();
                TensorPrimitives.Negate<double>(subgradient, direction);
                slope = -residual * residual;
            }

            double step = first ? Math.Max(Math.Max(Norm2(x), f.Alpha * f.GradientScale), MinimumFirstStep) / Norm2(direction) : 1;
            first = false;
            var search = WeakWolfeSearch.Run(f, x, value, direction, slope, step, trial, trialSubgradient);
            if (search.Ray is { } ray) return f.Unbounded(search.RayOrigin!, ray, method);
            if (search.Status == LineSearchStatus.NotFinite) return f.Result(x, value, SolverStatus.NotFinite, residual, 0, method);
            if (search.Status == LineSearchStatus.NoDecrease) break;

            var move = Difference(trial, x);
            var change = Difference(trialSubgradient, subgradient);
            if (search.Status == LineSearchStatus.Wolfe && OrderedSums.Dot(move, change) > CurvatureTolerance * Norm2(move) * Norm2(change))
            {
                steps.Add(move); changes.Add(change);
                if (steps.Count > Memory) { steps.RemoveAt(0); changes.RemoveAt(0); }
            }
            else { steps.Clear(); changes.Clear(); }
            trial.CopyTo(x, 0);
            trialSubgradient.CopyTo(subgradient, 0);
            double previous = value;
            value = search.Value;

            // A kink makes L-BFGS creep; hand over to gradient sampling when iterations improve neither the
            // objective nor the best subgradient norm (near a smooth minimizer F is flat but ‖∇F‖ still shrinks).
            double current = Norm2(subgradient);
            if (current < Progress * bestResidual) { bestResidual = current; sinceProgress = 0; }
            recentValues.Enqueue(previous);
            bool flat = recentValues.Count > FlatWindow && recentValues.Dequeue() - value <= FlatTolerance * (Math.Abs(value) + FlatFloor);
            if (flat && ++sinceProgress > Patience) break;
        }
        if (f.OutOfBudget) return f.Result(x, value, SolverStatus.BudgetExhausted, Norm2(subgradient), 0, method);
        return GradientSampling.Solve(f, x, value);
    }

    /// <summary>The L-BFGS two-loop recursion: direction = −H·subgradient.</summary>
    private static void TwoLoopDirection(double[] subgradient, List<double[]> steps, List<double[]> changes, double[] direction)
    {
        subgradient.CopyTo(direction, 0);
        int m = steps.Count;
        var coefficients = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            double rho = 1 / OrderedSums.Dot(changes[k], steps[k]);
            coefficients[k] = rho * OrderedSums.Dot(steps[k], direction);
            TensorPrimitives.MultiplyAdd<double>(changes[k], -coefficients[k], direction, direction);
        }
        if (m > 0)
        {
            double gamma = OrderedSums.Dot(steps[m - 1], changes[m - 1]) / OrderedSums.Dot(changes[m - 1], changes[m - 1]);
            TensorPrimitives.Multiply<double>(direction, gamma, direction);
        }
        for (int k = 0; k < m; k++)
        {
            double rho = 1 / OrderedSums.Dot(changes[k], steps[k]);
            double beta = rho * OrderedSums.Dot(changes[k], direction);
            TensorPrimitives.MultiplyAdd<double>(steps[k], coefficients[k] - beta, direction, direction);
        }
        TensorPrimitives.Negate<double>(direction, direction);
    }
}
