using Steepest.LinearAlgebra;
using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>How a <see cref="WeakWolfeSearch"/> ended.</summary>
internal enum LineSearchStatus { Wolfe, ArmijoOnly, NoDecrease, NotFinite }

/// <summary>The end of a line search: how, F at the accepted point, and the ray and its origin when F has no minimum.</summary>
internal sealed record LineSearch(LineSearchStatus Status, double Value, RecessionRay? Ray = null, double[]? RayOrigin = null);

/// <summary>Bracketing weak-Wolfe search (Lewis &amp; Overton 2013), which suits nonsmooth convex F as well as smooth.</summary>
internal static class WeakWolfeSearch
{
    /// <summary>Armijo: accept a decrease of at least this fraction of the one the slope promises.</summary>
    public const double ArmijoFactor = 1e-4;

    /// <summary>Weak Wolfe: the slope must have risen to this fraction of the start's, so that steps are not too short.</summary>
    private const double CurvatureFactor = 0.9;

    /// <summary>Bisections and doublings before the search settles for the best Armijo point.</summary>
    private const int MaxAttempts = 100;

    /// <summary>The bracket is spent when it is this narrow relative to its upper end: double cannot split it further.</summary>
    private const double BracketTolerance = 1e-15;

    /// <summary>The approximate-Wolfe test's allowance for a rise in F, relative to |F|: roundoff near a minimizer.</summary>
    private const double ApproximateRise = 1e-12;

    /// <summary>Searches x + t·direction from t = step; leaves the accepted point and its subgradient in the trial buffers.</summary>
    public static LineSearch Run(PenalizedObjective f, double[] x, double value, double[] direction, double slope, double step,
        double[] trial, double[] trialSubgradient)
    {
        int n = f.Dimension;
        double lo = 0, hi = double.PositiveInfinity, loValue = value;
        double[]? loPoint = null, loSubgradient = null;
        for (int attempt = 0; attempt < MaxAttempts && !f.OutOfBudget; attempt++)
        {
            for (int i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
            double trialValue = f.ValueAndSubgradient(trial, trialSubgradient);
            // +∞ marks a point outside the penalty's domain (step too long); NaN is a broken penalty.
            if (double.IsNaN(trialValue)) return new LineSearch(LineSearchStatus.NotFinite, value);
            double trialSlope = OrderedSums.Dot(trialSubgradient, direction);
            // Near a smooth minimizer F's differences drown in roundoff; Hager & Zhang's approximate Wolfe test
            // then judges the step by its slope, which stays accurate, so the gradient keeps shrinking.
            bool decreased = trialValue <= value + ArmijoFactor * step * slope ||
                             (trialValue <= value + ApproximateRise * Math.Abs(value) && trialSlope <= (1 - 2 * ArmijoFactor) * -slope);
            if (!double.IsFinite(trialValue) || !decreased)
                hi = step;
            else if (trialSlope < CurvatureFactor * slope)
            {
                lo = step; loValue = trialValue;
                loPoint = trial.ToArray(); loSubgradient = trialSubgradient.ToArray();
                if (Norm2(trial) > f.RadiusLimit)
                {
                    var ray = RecessionRay.Test(f, trial, direction);
                    if (ray is not null) return new LineSearch(LineSearchStatus.Wolfe, trialValue, ray, trial.ToArray());
                }
            }
            else return new LineSearch(LineSearchStatus.Wolfe, trialValue);

            if (double.IsPositiveInfinity(hi)) step = 2 * lo;
            else
            {
                if (hi - lo <= BracketTolerance * hi) break;
                step = 0.5 * (lo + hi);
            }
        }
        if (loPoint is null) return new LineSearch(AllFinite(x) ? LineSearchStatus.NoDecrease : LineSearchStatus.NotFinite, value);
        loPoint.CopyTo(trial, 0);
        loSubgradient!.CopyTo(trialSubgradient, 0);
        return new LineSearch(LineSearchStatus.ArmijoOnly, loValue);
    }
}
