using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>One run of <see cref="PenalizedLinearSolver"/>: the problem, its budgets, and the two methods.</summary>
internal sealed class SolverRun
{
    private const int Memory = 10;
    private const double ArmijoFactor = 1e-4;
    private const double CurvatureFactor = 0.9;

    private readonly double[] g;
    private readonly double alpha;
    private readonly ConvexPenalty penalty;
    private readonly PenalizedSolverOptions options;
    private readonly int n;
    private readonly double gradientScale;
    private readonly double radiusLimit;
    private int evaluations;
    private int iterations;

    public SolverRun(double[] g, double alpha, ConvexPenalty penalty, PenalizedSolverOptions options)
    {
        this.g = g;
        this.alpha = alpha;
        this.penalty = penalty;
        this.options = options;
        n = g.Length;
        double norm = Norm2(g);
        gradientScale = norm > 0 ? norm : 1; // with g = 0 the tolerance is absolute
        radiusLimit = options.DivergenceRadius * Math.Max(1, alpha * norm);
    }

    private bool OutOfBudget => iterations >= options.MaxIterations || evaluations >= options.MaxEvaluations;
    private double TargetResidual => options.Tolerance * gradientScale;

    /// <summary>F(x) = ⟨g, x⟩ + d(x)/α.</summary>
    private double Objective(ReadOnlySpan<double> x)
    {
        evaluations++;
        return TensorPrimitives.Dot<double>(g, x) + penalty.Value(x) / alpha;
    }

    /// <summary>F(x) and a subgradient g + ∂d(x)/α.</summary>
    private double ObjectiveAndSubgradient(ReadOnlySpan<double> x, Span<double> subgradient)
    {
        double value = Objective(x);
        penalty.Subgradient(x, subgradient);
        for (int i = 0; i < n; i++) subgradient[i] = g[i] + subgradient[i] / alpha;
        return value;
    }

    public PenalizedSolution ProximalPoint()
    {
        var x = new double[n];
        var next = new double[n];
        var shifted = new double[n];
        double value = Objective(x);
        if (!double.IsFinite(value)) return Result(x, value, SolverStatus.NotFinite, double.NaN, 0, "proximal point");
        double step = alpha, residual = double.PositiveInfinity;
        while (!OutOfBudget)
        {
            iterations++;
            for (int i = 0; i < n; i++) shifted[i] = x[i] - step * g[i];
            penalty.Prox(shifted, step / alpha, next);
            double nextValue = Objective(next);
            if (!AllFinite(next) || !double.IsFinite(nextValue))
                return Result(x, value, SolverStatus.NotFinite, residual, 0, "proximal point");
            residual = Distance(x, next) / step;
            if (Norm2(next) > radiusLimit && RayTest(next, Difference(next, x)) is { } ray)
                return Unbounded(next, ray, "proximal point");
            (x, next) = (next, x);
            value = nextValue;
            if (residual <= TargetResidual) return Result(x, value, SolverStatus.Converged, residual, 0, "proximal point");
            step = Math.Min(step * 10, alpha * 1e30);
        }
        return Result(x, value, SolverStatus.BudgetExhausted, residual, 0, "proximal point");
    }

    public PenalizedSolution QuasiNewton()
    {
        var x = new double[n];
        var subgradient = new double[n];
        double value = ObjectiveAndSubgradient(x, subgradient);
        if (!double.IsFinite(value)) return Result(x, value, SolverStatus.NotFinite, double.NaN, 0, "L-BFGS");
        var steps = new List<double[]>();
        var changes = new List<double[]>();
        var direction = new double[n];
        var trial = new double[n];
        var trialSubgradient = new double[n];
        var recentValues = new Queue<double>();
        double bestResidual = double.PositiveInfinity;
        int sinceProgress = 0;
        bool first = true;

        while (!OutOfBudget)
        {
            double residual = Norm2(subgradient);
            if (residual <= TargetResidual) return Result(x, value, SolverStatus.Converged, residual, 0, "L-BFGS");
            iterations++;

            TwoLoopDirection(subgradient, steps, changes, direction);
            double slope = TensorPrimitives.Dot<double>(direction, subgradient);
            if (!(slope < 0))
            {
                steps.Clear(); changes.Clear();
                TensorPrimitives.Negate<double>(subgradient, direction);
                slope = -residual * residual;
            }

            double step = first ? Math.Max(Math.Max(Norm2(x), alpha * gradientScale), 1e-8) / Norm2(direction) : 1;
            first = false;
            var search = WeakWolfe(x, value, direction, slope, step, trial, trialSubgradient);
            if (search.Ray is { } ray) return Unbounded(search.RayOrigin!, ray, "L-BFGS");
            if (search.Status == LineSearchStatus.NotFinite) return Result(x, value, SolverStatus.NotFinite, residual, 0, "L-BFGS");
            if (search.Status == LineSearchStatus.NoDecrease) break;

            var move = Difference(trial, x);
            var change = Difference(trialSubgradient, subgradient);
            if (search.Status == LineSearchStatus.Wolfe && TensorPrimitives.Dot<double>(move, change) > 1e-16 * Norm2(move) * Norm2(change))
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
            // objective nor the best subgradient norm for 100 (near a smooth minimizer F is flat but ‖∇F‖ still shrinks).
            double current = Norm2(subgradient);
            if (current < 0.9 * bestResidual) { bestResidual = current; sinceProgress = 0; }
            recentValues.Enqueue(previous);
            bool flat = recentValues.Count > 30 && recentValues.Dequeue() - value <= 1e-15 * (Math.Abs(value) + 1e-300);
            if (flat && ++sinceProgress > 100) break;
        }
        if (OutOfBudget) return Result(x, value, SolverStatus.BudgetExhausted, Norm2(subgradient), 0, "L-BFGS");
        return GradientSampling(x, value);
    }

    private PenalizedSolution GradientSampling(double[] x, double value)
    {
        const string method = "L-BFGS + gradient sampling";
        var random = new Random(options.Seed);
        int samples = Math.Min(n + 1, 40);
        var bundle = new double[samples][];
        for (int j = 0; j < samples; j++) bundle[j] = new double[n];
        var point = new double[n];
        var trial = new double[n];
        double xScale = Math.Max(Math.Max(Norm2(x), alpha * gradientScale), 1e-12);
        double radius = 1e-3 * xScale, residual = double.PositiveInfinity, certifiedRadius = radius;

        int atThisRadius = 0;
        double lastBundleScale = gradientScale;
        while (radius >= 1e-13 * xScale && !OutOfBudget)
        {
            iterations++;
            if (++atThisRadius > 25) { radius /= 10; atThisRadius = 0; continue; }
            ObjectiveAndSubgradient(x, bundle[0]);
            for (int j = 1; j < samples; j++)
            {
                RandomPointInBall(random, x, radius, point);
                ObjectiveAndSubgradient(point, bundle[j]);
            }
            var w = MinimumNormCombination(bundle);
            double length = Norm2(w);
            // w is small when the sampled subgradients cancel; judge that against their own size.
            double bundleScale = Math.Max(gradientScale, bundle.Max(b => Norm2(b)));
            lastBundleScale = bundleScale;
            // The subgradient at x itself certifies with radius 0, which is stronger; keep it when it is also shorter.
            double own = Norm2(bundle[0]);
            (residual, certifiedRadius) = own <= length ? (own, 0) : (length, radius);
            if (own <= TargetResidual) return Result(x, value, SolverStatus.Converged, own, 0, method);
            if (length <= options.Tolerance * bundleScale) { radius /= 10; atThisRadius = 0; continue; }

            // Armijo search along −w, starting at a move of length ≈ radius and expanding while it keeps paying off.
            double step = radius / length, best = value, bestStep = 0;
            for (int attempt = 0; attempt < 200 && !OutOfBudget; attempt++)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - step * w[i];
                double trialValue = Objective(trial);
                if (double.IsNaN(trialValue)) return Result(x, value, SolverStatus.NotFinite, residual, certifiedRadius, method);
                if (!double.IsFinite(trialValue) || trialValue > value - ArmijoFactor * step * length * length || trialValue >= best)
                {
                    if (bestStep > 0) break;
                    step /= 2;
                    if (step * length < 1e-3 * radius) break;
                    continue;
                }
                best = trialValue; bestStep = step;
                if (Norm2(trial) > radiusLimit)
                {
                    var direction = new double[n];
                    TensorPrimitives.Negate<double>(w, direction);
                    if (RayTest(trial, direction) is { } ray) return Unbounded(trial.ToArray(), ray, method);
                    break;
                }
                step *= 2;
            }
            if (bestStep == 0) { radius /= 10; atThisRadius = 0; continue; }
            for (int i = 0; i < n; i++) x[i] -= bestStep * w[i];
            value = best;
        }
        var status = OutOfBudget ? SolverStatus.BudgetExhausted : residual <= options.Tolerance * lastBundleScale ? SolverStatus.Converged : SolverStatus.Stalled;
        return Result(x, value, status, residual, certifiedRadius, method);
    }

    private enum LineSearchStatus { Wolfe, ArmijoOnly, NoDecrease, NotFinite }

    private sealed record LineSearch(LineSearchStatus Status, double Value, Ray? Ray = null, double[]? RayOrigin = null);

    /// <summary>Bracketing weak-Wolfe search (Lewis &amp; Overton 2013); leaves the accepted point in <paramref name="trial"/>.</summary>
    private LineSearch WeakWolfe(double[] x, double value, double[] direction, double slope, double step, double[] trial, double[] trialSubgradient)
    {
        double lo = 0, hi = double.PositiveInfinity, loValue = value;
        double[]? loPoint = null, loSubgradient = null;
        for (int attempt = 0; attempt < 100 && !OutOfBudget; attempt++)
        {
            for (int i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
            double trialValue = ObjectiveAndSubgradient(trial, trialSubgradient);
            // +∞ marks a point outside the penalty's domain (step too long); NaN is a broken penalty.
            if (double.IsNaN(trialValue)) return new LineSearch(LineSearchStatus.NotFinite, value);
            double trialSlope = TensorPrimitives.Dot<double>(trialSubgradient, direction);
            // Near a smooth minimizer F's differences drown in roundoff; Hager & Zhang's approximate Wolfe test
            // then judges the step by its slope, which stays accurate, so the gradient keeps shrinking.
            bool decreased = trialValue <= value + ArmijoFactor * step * slope ||
                             (trialValue <= value + 1e-12 * Math.Abs(value) && trialSlope <= (1 - 2 * ArmijoFactor) * -slope);
            if (!double.IsFinite(trialValue) || !decreased)
                hi = step;
            else if (trialSlope < CurvatureFactor * slope)
            {
                lo = step; loValue = trialValue;
                loPoint = trial.ToArray(); loSubgradient = trialSubgradient.ToArray();
                if (Norm2(trial) > radiusLimit)
                {
                    var ray = RayTest(trial, direction);
                    if (ray is not null) return new LineSearch(LineSearchStatus.Wolfe, trialValue, ray, trial.ToArray());
                }
            }
            else return new LineSearch(LineSearchStatus.Wolfe, trialValue);

            if (double.IsPositiveInfinity(hi)) step = 2 * lo;
            else
            {
                if (hi - lo <= 1e-15 * hi) break;
                step = 0.5 * (lo + hi);
            }
        }
        if (loPoint is null) return new LineSearch(AllFinite(x) ? LineSearchStatus.NoDecrease : LineSearchStatus.NotFinite, value);
        loPoint.CopyTo(trial, 0);
        loSubgradient!.CopyTo(trialSubgradient, 0);
        return new LineSearch(LineSearchStatus.ArmijoOnly, loValue);
    }

    /// <summary>The L-BFGS two-loop recursion: direction = −H·subgradient.</summary>
    private static void TwoLoopDirection(double[] subgradient, List<double[]> steps, List<double[]> changes, double[] direction)
    {
        subgradient.CopyTo(direction, 0);
        int m = steps.Count;
        var coefficients = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            double rho = 1 / TensorPrimitives.Dot<double>(changes[k], steps[k]);
            coefficients[k] = rho * TensorPrimitives.Dot<double>(steps[k], direction);
            TensorPrimitives.MultiplyAdd<double>(changes[k], -coefficients[k], direction, direction);
        }
        if (m > 0)
        {
            double gamma = TensorPrimitives.Dot<double>(steps[m - 1], changes[m - 1]) / TensorPrimitives.Dot<double>(changes[m - 1], changes[m - 1]);
            TensorPrimitives.Multiply<double>(direction, gamma, direction);
        }
        for (int k = 0; k < m; k++)
        {
            double rho = 1 / TensorPrimitives.Dot<double>(changes[k], steps[k]);
            double beta = rho * TensorPrimitives.Dot<double>(changes[k], direction);
            TensorPrimitives.MultiplyAdd<double>(steps[k], coefficients[k] - beta, direction, direction);
        }
        TensorPrimitives.Negate<double>(direction, direction);
    }

    private sealed record Ray(double[] Direction, double Slope);

    /// <summary>
    /// Secant slopes (F(x + τv) − F(x))/τ at τ = ‖x‖·10^{0,3,6}; F is convex along the ray, so the slopes increase.
    /// Returns the ray when the farthest one is still clearly negative.
    /// </summary>
    private Ray? RayTest(double[] x, double[] direction)
    {
        double length = Norm2(direction);
        if (!(length > 0)) return null;
        var unit = new double[n];
        TensorPrimitives.Divide<double>(direction, length, unit);
        double origin = Objective(x);
        double baseDistance = Math.Max(Norm2(x), 1);
        var point = new double[n];
        double slope = 0;
        foreach (double factor in (double[])[1, 1e3, 1e6])
        {
            double tau = baseDistance * factor;
            for (int i = 0; i < n; i++) point[i] = x[i] + tau * unit[i];
            double value = Objective(point);
            if (!double.IsFinite(value)) return null;
            slope = (value - origin) / tau;
            if (!(slope < -1e-9 * gradientScale)) return null;
        }
        return new Ray(unit, slope);
    }

    /// <summary>
    /// The shortest vector in the convex hull of the rows: min ‖Σλⱼbⱼ‖ over the simplex, by accelerated projected
    /// gradient on the Gram matrix. Any feasible λ is a valid (upper-bound) certificate, so approximate is safe.
    /// </summary>
    private double[] MinimumNormCombination(double[][] rows)
    {
        int m = rows.Length;
        var gram = new double[m, m];
        double trace = 0;
        for (int a = 0; a < m; a++)
            for (int b = a; b < m; b++)
            {
                gram[a, b] = gram[b, a] = TensorPrimitives.Dot<double>(rows[a], rows[b]);
                if (a == b) trace += gram[a, a];
            }
        var lambda = new double[m];
        var momentum = new double[m];
        var previous = new double[m];
        var gradient = new double[m];
        Array.Fill(lambda, 1.0 / m);
        lambda.CopyTo(momentum, 0);
        double stepSize = trace > 0 ? 1 / trace : 1;
        double t = 1;
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            for (int a = 0; a < m; a++)
            {
                double sum = 0;
                for (int b = 0; b < m; b++) sum += gram[a, b] * momentum[b];
                gradient[a] = sum;
            }
            lambda.CopyTo(previous, 0);
            for (int a = 0; a < m; a++) lambda[a] = momentum[a] - stepSize * gradient[a];
            ProjectOntoSimplex(lambda);
            double tNext = 0.5 * (1 + Math.Sqrt(1 + 4 * t * t));
            for (int a = 0; a < m; a++) momentum[a] = lambda[a] + (t - 1) / tNext * (lambda[a] - previous[a]);
            t = tNext;
        }
        var w = new double[n];
        for (int a = 0; a < m; a++) TensorPrimitives.MultiplyAdd<double>(rows[a], lambda[a], w, w);
        return w;
    }

    private static void ProjectOntoSimplex(double[] v)
    {
        var sorted = v.OrderByDescending(x => x).ToArray();
        double cumulative = 0, theta = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            cumulative += sorted[k];
            double candidate = (cumulative - 1) / (k + 1);
            if (sorted[k] > candidate) theta = candidate;
        }
        for (int i = 0; i < v.Length; i++) v[i] = Math.Max(v[i] - theta, 0);
    }

    private static void RandomPointInBall(Random random, double[] center, double radius, double[] point)
    {
        double length = 0;
        for (int i = 0; i < point.Length; i++)
        {
            // Box–Muller gives a Gaussian direction, uniform on the sphere after normalization.
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            point[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            length += point[i] * point[i];
        }
        double scale = radius * Math.Pow(random.NextDouble(), 1.0 / point.Length) / Math.Sqrt(length);
        for (int i = 0; i < point.Length; i++) point[i] = center[i] + scale * point[i];
    }

    private PenalizedSolution Unbounded(double[] x, Ray ray, string method) => new()
    {
        Minimizer = x.ToArray(),
        Objective = Objective(x),
        Status = SolverStatus.Unbounded,
        Residual = double.NaN,
        ResidualRadius = 0,
        Iterations = iterations,
        Evaluations = evaluations,
        Method = method,
        RecessionDirection = ray.Direction,
        RecessionSlope = ray.Slope,
    };

    private PenalizedSolution Result(double[] x, double value, SolverStatus status, double residual, double radius, string method) => new()
    {
        Minimizer = x.ToArray(),
        Objective = value,
        Status = status,
        Residual = residual,
        ResidualRadius = radius,
        Iterations = iterations,
        Evaluations = evaluations,
        Method = method,
    };

    private static double Norm2(ReadOnlySpan<double> x) => TensorPrimitives.Norm(x);

    private static double Distance(double[] a, double[] b) => TensorPrimitives.Distance<double>(a, b);

    private static double[] Difference(double[] a, double[] b)
    {
        var d = new double[a.Length];
        TensorPrimitives.Subtract<double>(a, b, d);
        return d;
    }

    private static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double value in x)
            if (!double.IsFinite(value)) return false;
        return true;
    }
}
