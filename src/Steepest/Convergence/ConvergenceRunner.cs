using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Transforms;

namespace Steepest.Convergence;

/// <summary>
/// Runs any optimizer of the library on a least-squares problem until it converges or a budget ends, and puts the
/// measured limit beside the prediction of <see cref="ImplicitBias"/>.
/// </summary>
/// <remarks>
/// <para>Precision: the optimizers work in fp32, but the lab keeps θ in double. Each step the optimizer sees the gradient
/// with its parameter buffer set to zero, so what it writes there is exactly its update, which is added to θ in double.
/// The update's float rounding is relative to the update, which vanishes at the limit, so limits come out to double
/// precision (problem 2(c)'s 100/3 included). Transforms that read θ itself (weight decay) are therefore built with
/// weight decay 0.</para>
/// <para>Automatic step sizes (when no learning rate or schedule is given):
/// gradient methods (sgd, momentum, nesterov, steepest:l2/frobenius/spectral) take the constant 1/L with L the
/// curvature of the steps' loss (2·maxⱼ‖xⱼ‖² per sample, 2·λ_max(XᵀX) full batch), times 1 − μ for heavy-ball momentum;
/// steepest steps of other norms take 1/L with L measured in that norm's geometry; sign-type and adaptive methods
/// (sign-sgd, signum, lion, adam, rmsprop, epoch-adam) need decaying steps to converge (a constant step
/// oscillates around the solution), so they take η_t = η₀·0.995ᵗ with η₀ = 0.1·‖X⁺y‖∞: the steps sum to 20‖X⁺y‖∞,
/// more than the distance to travel, and shrink below 1e-10 in a few thousand steps. Adagrad takes the same η₀ but
/// constant, since its accumulator already shrinks its steps (a decaying rate on top stalls it short of the limit).</para>
/// </remarks>
public static class ConvergenceRunner
{
    /// <summary>Runs <paramref name="settings"/>.Optimizer on <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">Unknown optimizer, bad settings, or weights that do not fit.</exception>
    public static ConvergenceResult Run(LeastSquaresProblem problem, ConvergenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        string name = settings.Optimizer.Trim().ToLowerInvariant();
        var entry = (settings.Registry ?? OptimizerRegistry.Default).Get(name);
        if (!(settings.Tolerance > 0)) throw new ArgumentException($"tolerance must be > 0, got {settings.Tolerance}");
        if (settings.MaxIterations < 1) throw new ArgumentException($"the iteration budget must be ≥ 1, got {settings.MaxIterations}");
        int d = problem.Features;
        CheckSolvable(problem);
        double[] theta0 = settings.Theta0 ?? new double[d];
        if (theta0.Length != d) throw new ArgumentException($"θ₀ has {theta0.Length} entries, the problem has {d} features");

        // Rescaling: run on X·S with θ' = S⁻¹θ, map back θ = S·θ'.
        double[] scale = settings.Rescale ? problem.UnitSecondMomentScale() : Enumerable.Repeat(1.0, d).ToArray();
        var working = settings.Rescale ? problem.ScaleFeatures(scale) : problem;
        var start = theta0.Select((v, i) => v / scale[i]).ToArray();

        var (learningRate, schedule) = ConvergenceStepSize.Choose(working, entry, settings);
        var transform = Build(entry, settings, learningRate, schedule, d);
        var run = Iterate(working, transform, start, settings, scale);
        var (predicted, rule) = Predict(working, entry, settings, start, scale);
        double? distance = predicted is null ? null : run.Theta.Zip(predicted, (a, b) => Math.Abs(a - b)).Max();
        return new ConvergenceResult
        {
            Optimizer = settings.Rescale ? $"rescale+{name}" : name,
            Theta = run.Theta,
            Loss = problem.Loss(run.Theta),
            Iterations = run.Steps,
            Reason = run.Reason,
            Predicted = predicted,
            PredictionRule = rule,
            DistanceToPrediction = distance,
            LearningRate = learningRate,
            Schedule = schedule.Name,
            Mode = settings.Mode,
            Trajectory = run.Trajectory,
        };
    }

    /// <summary>
    /// The magnitudes a least-squares run squares (XᵀX, the residuals, the curvature that sets the step) must fit a
    /// double with room to spare, so entries are kept within 1e±150; and a row of zeros with a nonzero target is a
    /// residual no θ can move, so there is nothing to converge to.
    /// </summary>
    private static void CheckSolvable(LeastSquaresProblem problem)
    {
        const double Largest = 1e150, Smallest = 1e-150;
        int n = problem.Samples, d = problem.Features;
        for (int i = 0; i < n; i++)
        {
            bool zero = true;
            for (int j = 0; j < d; j++)
            {
                double x = Math.Abs(problem.X[i * d + j]);
                zero &= x == 0;
                if (x > Largest || (x > 0 && x < Smallest))
                    throw new ArgumentException($"row {i + 1} of X holds {problem.X[i * d + j]:G3}: the run squares X, so entries must lie within 1e±150; rescale the data towards 1");
            }
            double y = Math.Abs(problem.Y[i]);
            if (y > Largest || (y > 0 && y < Smallest))
                throw new ArgumentException($"target {i + 1} is {problem.Y[i]:G3}: the run squares the residuals, so targets must lie within 1e±150; rescale them towards 1");
            if (zero && y != 0)
                throw new ArgumentException($"row {i + 1} of X is all zeros but its target is {problem.Y[i]:G6}: no θ changes that residual, so the problem has no solution to converge to; drop the row or give it target 0");
        }
    }

    private static GradientTransform Build(OptimizerEntry entry, ConvergenceSettings settings, double rate, LearningRateSchedule schedule, int features)
    {
        if (entry.TakesWeights)
        {
            if (settings.Weights is null) throw new ArgumentException($"{entry.Name} needs weights, one dᵢ > 0 per feature");
            if (settings.Weights.Length != features) throw new ArgumentException($"got {settings.Weights.Length} weights for {features} features");
        }
        else if (settings.Weights is not null) throw new ArgumentException("weights are only used by steepest:weighted");
        // Weight decay reads θ, which the lab keeps outside the optimizer (see remarks): build it with none.
        var chain = entry.Create(new RecipeArguments(entry, new OptimizerSettings { LearningRate = rate, WeightDecay = 0, NormWeights = settings.Weights }));
        if (entry.RoutesByRole || chain is not Chain c || c.Transforms[^1] is not ScaleByLearningRate)
            throw new ArgumentException($"optimizer '{entry.Name}' cannot run in the convergence lab (it routes parameters by role)");
        return new Chain(c.Transforms.Take(c.Transforms.Count - 1).Append(new ScaleByLearningRate(schedule)).ToArray());
    }

    private sealed record RunOutcome(double[] Theta, long Steps, StopReason Reason, List<(long, double[], double)> Trajectory);

    private static RunOutcome Iterate(LeastSquaresProblem problem, GradientTransform transform, double[] start, ConvergenceSettings settings, double[] scale)
    {
        int n = problem.Samples, d = problem.Features;
        var theta = (double[])start.Clone();
        var parameter = new Parameter("theta", [d]);
        var optimizer = new Optimizer(transform, [parameter]);
        var gradient = new double[d];
        var fullGradient = new double[d];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(settings.Seed);
        var trajectory = new List<(long, double[], double)>();
        double initialLoss = Math.Max(problem.Loss(theta), 1e-300);
        double bestLoss = double.PositiveInfinity;
        long sinceBest = 0, step = 0, nextRecord = 0;
        int stepsPerEpoch = settings.Mode == BatchMode.PerSample ? n : 1;
        double tolerance = settings.Tolerance;
        const long PatienceEpochs = 20_000;

        void Record(long at)
        {
            if (settings.TrajectoryPoints <= 0) return;
            trajectory.Add((at, theta.Select((v, i) => v * scale[i]).ToArray(), problem.Loss(theta)));
        }
        Record(0);
        nextRecord = 1;

        for (int epoch = 0; ; epoch++)
        {
            var epochStart = (double[])theta.Clone();
            if (settings.Mode == BatchMode.PerSample && n > 1)
                for (int i = n - 1; i > 0; i--) { int k = random.Next(i + 1); (order[i], order[k]) = (order[k], order[i]); }
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                if (settings.Mode == BatchMode.PerSample) problem.SampleGradient(order[s], theta, gradient);
                else problem.Gradient(theta, gradient);
                for (int i = 0; i < d; i++)
                {
                    parameter.Gradient[i] = (float)gradient[i];
                    parameter.Value[i] = 0;
                }
                optimizer.Epoch = epoch;
                optimizer.Step();
                for (int i = 0; i < d; i++) theta[i] += parameter.Value[i];
                step++;
                if (settings.TrajectoryPoints > 0 && step >= nextRecord)
                {
                    Record(step);
                    nextRecord = Math.Max(step + 1, (long)(step * Math.Pow(settings.MaxIterations, 1.0 / settings.TrajectoryPoints)));
                }
            }
            double loss = problem.Loss(theta);
            double moved = 0;
            for (int i = 0; i < d; i++) moved += (theta[i] - epochStart[i]) * (theta[i] - epochStart[i]);
            moved = Math.Sqrt(moved);

            StopReason? reason = null;
            if (!double.IsFinite(loss) || loss > 1e8 * Math.Max(initialLoss, 1)) reason = StopReason.Diverging;
            else
            {
                problem.Gradient(theta, fullGradient);
                double gradientNorm = Math.Sqrt(fullGradient.Sum(v => v * v));
                if (moved <= tolerance && (loss <= tolerance || gradientNorm <= tolerance)) reason = StopReason.Converged;
                else if (loss < bestLoss * (1 - 1e-9)) { bestLoss = loss; sinceBest = 0; }
                else if (++sinceBest >= PatienceEpochs && moved > tolerance) reason = StopReason.Oscillating;
            }
            if (reason is null && step >= settings.MaxIterations) reason = StopReason.BudgetSpent;
            if (reason is StopReason r)
            {
                if (settings.TrajectoryPoints > 0 && trajectory[^1].Item1 != step) Record(step);
                return new RunOutcome(theta.Select((v, i) => v * scale[i]).ToArray(), step, r, trajectory);
            }
        }
    }

    private static (double[]? Predicted, string? Rule) Predict(LeastSquaresProblem problem, OptimizerEntry entry, ConvergenceSettings settings, double[] start, double[] scale)
    {
        double[] Back(double[] theta) => theta.Select((v, i) => v * scale[i]).ToArray();
        string prefix = settings.Rescale ? "S·" : "";
        string suffix = settings.Rescale ? " of the rescaled problem (rescaling by S)" : "";
        switch (entry.Family)
        {
            case ConvergenceFamily.Gradient:
                return (Back(ImplicitBias.MinimumNormFrom(problem, start)), $"{prefix}(θ₀ + X⁺(y − Xθ₀)){suffix}: gradient methods stay in θ₀ + row space");
            case ConvergenceFamily.Preconditioned:
                var p = settings.Weights!.Select(w => 1 / w).ToArray();
                return (Back(ImplicitBias.PreconditionedFrom(problem, p, start)), $"{prefix}(θ₀ + P·Xᵀ(X·P·Xᵀ)⁻¹(y − Xθ₀)), P = D⁻¹{suffix}");
            case ConvergenceFamily.Adaptive:
                if (start.Any(v => v != 0)) return (null, null);
                var sign = ImplicitBias.SignSolution(problem);
                return sign is null ? (null, null) : (Back(sign), $"{prefix}(sign(Xᵀy)/c where X·sign(Xᵀy) = c·y){suffix}: Wilson et al. 2017, Lemma 3.1");
            default:
                return (null, null);
        }
    }
}
