using Steepest.LinearAlgebra;
using Steepest.Optimizers;
using Steepest.Optimizers.Schedules;

namespace Steepest.Convergence;

/// <summary>
/// How the convergence lab picks a learning rate when none is given: 1/L for gradient methods, L the curvature in the
/// step norm's geometry (λ_max of the Gram matrix for full batches, the largest row norm per sample), and a tenth of
/// the minimum-norm solution's reach for sign-scaled methods, whose steps do not shrink with the gradient.
/// </summary>
internal static class ConvergenceStepSize
{
    /// <summary>The given rate, or one from the problem's curvature in the step's own geometry; and its schedule.</summary>
    public static (double Rate, LearningRateSchedule Schedule) Choose(LeastSquaresProblem problem, OptimizerEntry entry, ConvergenceSettings settings)
    {
        double rate = settings.LearningRate ?? AutomaticRate(problem, entry, settings);
        if (!(rate > 0) || !double.IsFinite(rate)) throw new ArgumentException($"learning rate must be finite and > 0, got {rate}");
        LearningRateSchedule schedule = settings.Schedule is not null ? LearningRateSchedule.Parse(settings.Schedule, rate)
            : entry.AutomaticStep == AutomaticStep.SignScaledDecaying ? LearningRateSchedule.StepDecay(rate, 1, 0.995)
            : LearningRateSchedule.Constant(rate);
        return (rate, schedule);
    }

    private static double AutomaticRate(LeastSquaresProblem problem, OptimizerEntry entry, ConvergenceSettings settings)
    {
        if (entry.AutomaticStep != AutomaticStep.Curvature)
        {
            double reach = LeastSquares.MinimumNormSolution(problem.X, problem.Samples, problem.Features, problem.Y).Max(Math.Abs);
            return 0.1 * (reach > 0 ? reach : 1);
        }
        // L for the step's own geometry: ‖X v‖² ≤ σ²·κ²·‖v‖² with κ = max ‖v‖₂ over the norm's unit ball.
        var weights = Preconditioning(entry, settings);
        double curvature = settings.Mode == BatchMode.FullBatch ? 2 * LargestEigenvalueOfGram(problem, weights) : 2 * LargestRowNorm(problem, weights);
        double rate = 1 / (curvature * entry.SquaredStepRadius(problem.Features));
        if (entry.HeavyBall) rate *= 1 - entry.DefaultMomentum!.Value; // heavy ball's effective step is η/(1 − μ)
        return rate;
    }

    /// <summary>The weights of a preconditioned method's metric, or null for the identity.</summary>
    private static double[]? Preconditioning(OptimizerEntry entry, ConvergenceSettings settings) =>
        entry.Family == ConvergenceFamily.Preconditioned ? settings.Weights : null;

    /// <summary>λ_max(P^½XᵀXP^½) via the smaller Gram matrix (P = D⁻¹ for steepest:weighted, else I).</summary>
    private static double LargestEigenvalueOfGram(LeastSquaresProblem problem, double[]? weights)
    {
        var p = Preconditioner(problem.Features, weights);
        int n = problem.Samples, d = problem.Features;
        var gram = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b <= a; b++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += problem.X[a * d + i] * p[i] * problem.X[b * d + i];
                gram[a * n + b] = gram[b * n + a] = sum;
            }
        return SymmetricEigenDecomposition.Compute(gram, n).Values[^1];
    }

    private static double LargestRowNorm(LeastSquaresProblem problem, double[]? weights)
    {
        var p = Preconditioner(problem.Features, weights);
        double largest = 0;
        for (int j = 0; j < problem.Samples; j++)
        {
            double sum = 0;
            var row = problem.Row(j);
            for (int i = 0; i < row.Length; i++) sum += row[i] * row[i] * p[i];
            largest = Math.Max(largest, sum);
        }
        return largest;
    }

    private static double[] Preconditioner(int features, double[]? weights) =>
        weights is not null ? weights.Select(w => 1 / w).ToArray() : Enumerable.Repeat(1.0, features).ToArray();
}
