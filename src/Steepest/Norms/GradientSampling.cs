using System.Numerics.Tensors;
using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>
/// Gradient sampling (Burke, Lewis &amp; Overton 2005): the shortest convex combination w of subgradients sampled within
/// radius ε of x is both the descent direction (−w) and the certificate; ε shrinks when no step along −w pays off.
/// </summary>
internal static class GradientSampling
{
    /// <summary>Subgradients per bundle: n + 1 span the space; more than this costs evaluations and buys little.</summary>
    private const int MaxSamples = 40;

    /// <summary>The first radius, relative to the scale of x (‖x‖, or α‖g‖ near 0).</summary>
    private const double InitialRadius = 1e-3;

    /// <summary>Sampling ends at this radius relative to x's scale: below it, the points differ from x only in roundoff.</summary>
    private const double FinalRadius = 1e-13;

    /// <summary>Bundles at one radius before it shrinks anyway: progress at one radius slows geometrically.</summary>
    private const int BundlesPerRadius = 25;

    /// <summary>Each shrink divides the radius by this.</summary>
    private const double RadiusShrink = 10;

    /// <summary>Halvings and doublings of the step along −w.</summary>
    private const int MaxStepAttempts = 200;

    /// <summary>Halving stops when the move is this fraction of the radius: shorter moves stay inside the bundle's ball.</summary>
    private const double ShortestMove = 1e-3;

    /// <summary>The scale of x never falls below this, so that the radii stay positive at x = 0 with g = 0.</summary>
    private const double MinimumScale = 1e-12;

    /// <summary>Continues from x, where L-BFGS stalled, with F(x) = value.</summary>
    public static PenalizedSolution Solve(PenalizedObjective f, double[] x, double value)
    {
        const SolverMethod method = SolverMethod.LbfgsThenGradientSampling;
        int n = f.Dimension;
        var random = new Random(f.Options.Seed);
        int samples = Math.Min(n + 1, MaxSamples);
        var bundle = new double[samples][];
        for (int j = 0; j < samples; j++) bundle[j] = new double[n];
        var point = new double[n];
        var trial = new double[n];
        double xScale = Math.Max(Math.Max(Norm2(x), f.Alpha * f.GradientScale), MinimumScale);
        double radius = InitialRadius * xScale, residual = double.PositiveInfinity, certifiedRadius = radius;

        int atThisRadius = 0;
        double lastBundleScale = f.GradientScale;
        while (radius >= FinalRadius * xScale && !f.OutOfBudget)
        {
            f.CountIteration();
            if (++atThisRadius > BundlesPerRadius) { radius /= RadiusShrink; atThisRadius = 0; continue; }
            f.ValueAndSubgradient(x, bundle[0]);
            for (int j = 1; j < samples; j++)
            {
                RandomPointInBall(random, x, radius, point);
                f.ValueAndSubgradient(point, bundle[j]);
            }
            var w = MinimumNormCombination.Of(bundle);
            double length = Norm2(w);
            // w is small when the sampled subgradients cancel; judge that against their own size.
            double bundleScale = Math.Max(f.GradientScale, bundle.Max(b => Norm2(b)));
            lastBundleScale = bundleScale;
            // The subgradient at x itself certifies with radius 0, which is stronger; keep it when it is also shorter.
            double own = Norm2(bundle[0]);
            (residual, certifiedRadius) = own <= length ? (own, 0) : (length, radius);
            if (own <= f.TargetResidual) return f.Result(x, value, SolverStatus.Converged, own, 0, method);
            if (length <= f.Options.Tolerance * bundleScale) { radius /= RadiusShrink; atThisRadius = 0; continue; }

            // Armijo search along −w, starting at a move of length ≈ radius and expanding while it keeps paying off.
            double step = radius / length, best = value, bestStep = 0;
            for (int attempt = 0; attempt < MaxStepAttempts && !f.OutOfBudget; attempt++)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - step * w[i];
                double trialValue = f.Value(trial);
                if (double.IsNaN(trialValue)) return f.Result(x, value, SolverStatus.NotFinite, residual, certifiedRadius, method);
                if (!double.IsFinite(trialValue) || trialValue > value - WeakWolfeSearch.ArmijoFactor * step * length * length || trialValue >= best)
                {
                    if (bestStep > 0) break;
                    step /= 2;
                    if (step * length < ShortestMove * radius) break;
                    continue;
                }
                best = trialValue; bestStep = step;
                if (Norm2(trial) > f.RadiusLimit)
                {
                    var direction = new double[n];
                    TensorPrimitives.Negate<double>(w, direction);
                    if (RecessionRay.Test(f, trial, direction) is { } ray) return f.Unbounded(trial.ToArray(), ray, method);
                    break;
                }
                step *= 2;
            }
            if (bestStep == 0) { radius /= RadiusShrink; atThisRadius = 0; continue; }
            for (int i = 0; i < n; i++) x[i] -= bestStep * w[i];
            value = best;
        }
        var status = f.OutOfBudget ? SolverStatus.BudgetExhausted
            : residual <= f.Options.Tolerance * lastBundleScale ? SolverStatus.Converged : SolverStatus.Stalled;
        return f.Result(x, value, status, residual, certifiedRadius, method);
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
}
