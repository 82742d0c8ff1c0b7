using System.Numerics.Tensors;
using static Steepest.Norms.SolverVectors;

namespace Steepest.Norms;

/// <summary>A unit direction along which F keeps decreasing, and its secant slope at the farthest distance tried.</summary>
internal sealed record RecessionRay(double[] Direction, double Slope)
{
    /// <summary>The ray test samples F at ‖x‖ times each factor: 10⁶ out, a minimizer is indistinguishable from none.</summary>
    private static readonly double[] DistanceFactors = [1, 1e3, 1e6];

    /// <summary>A slope must be below −SlopeTolerance·‖g‖₂ to count as falling, so that roundoff on a flat ray does not.</summary>
    private const double SlopeTolerance = 1e-9;

    /// <summary>
    /// Secant slopes (F(x + τv) − F(x))/τ at τ = ‖x‖·10^{0,3,6}; F is convex along the ray, so the slopes increase.
    /// Returns the ray when the farthest one is still clearly negative.
    /// </summary>
    public static RecessionRay? Test(PenalizedObjective f, double[] x, double[] direction)
    {
        double length = Norm2(direction);
        if (!(length > 0)) return null;
        var unit = new double[f.Dimension];
        TensorPrimitives.Divide<double>(direction, length, unit);
        double origin = f.Value(x);
        double baseDistance = Math.Max(Norm2(x), 1);
        var point = new double[f.Dimension];
        double slope = 0;
        foreach (double factor in DistanceFactors)
        {
            double tau = baseDistance * factor;
            for (int i = 0; i < point.Length; i++) point[i] = x[i] + tau * unit[i];
            double value = f.Value(point);
            if (!double.IsFinite(value)) return null;
            slope = (value - origin) / tau;
            if (!(slope < -SlopeTolerance * f.GradientScale)) return null;
        }
        return new RecessionRay(unit, slope);
    }
}
