using Steepest.LinearAlgebra;

namespace Steepest.Convergence;

/// <summary>
/// Closed-form limits of optimizers on underdetermined least squares (where theory gives one):
/// gradient methods → θ₀ + X⁺(y − Xθ₀); a fixed diagonal preconditioner P → θ₀ + P·Xᵀ(X·P·Xᵀ)⁻¹(y − Xθ₀);
/// adaptive and sign methods from 0 → the solution ∝ sign(Xᵀy) when X·sign(Xᵀy) = c·y (Wilson et al. 2017, Lemma 3.1).
/// </summary>
public static class ImplicitBias
{
    /// <summary>θ₀ + X⁺(y − Xθ₀): the point of the solution set nearest θ₀, where gradient descent, SGD and momentum stay.</summary>
    public static double[] MinimumNormFrom(LeastSquaresProblem problem, ReadOnlySpan<double> theta0)
    {
        var residual = new double[problem.Samples];
        for (int j = 0; j < problem.Samples; j++) residual[j] = problem.Residual(j, theta0);
        var step = LeastSquares.MinimumNormSolution(problem.X, problem.Samples, problem.Features, residual);
        for (int i = 0; i < step.Length; i++) step[i] += theta0[i];
        return step;
    }

    /// <summary>
    /// θ₀ + P·Xᵀ(X·P·Xᵀ)⁺(y − Xθ₀) for P = diag(p) &gt; 0: the solution nearest θ₀ in the P⁻¹ metric, where descent with the
    /// fixed preconditioner P stays (it moves in the span of P·Xᵀ).
    /// </summary>
    public static double[] PreconditionedFrom(LeastSquaresProblem problem, ReadOnlySpan<double> preconditioner, ReadOnlySpan<double> theta0)
    {
        int n = problem.Samples, d = problem.Features;
        if (preconditioner.Length != d) throw new ArgumentException($"P has {preconditioner.Length} entries, expected {d}");
        // In u = P^(−1/2)θ coordinates the problem is X·P^(1/2), where the P-limit is the ordinary minimum-norm one.
        var root = new double[d];
        for (int i = 0; i < d; i++)
        {
            if (!(preconditioner[i] > 0)) throw new ArgumentException("P must be positive");
            root[i] = Math.Sqrt(preconditioner[i]);
        }
        var scaled = problem.ScaleFeatures(root);
        var residual = new double[n];
        for (int j = 0; j < n; j++) residual[j] = problem.Residual(j, theta0);
        var u = LeastSquares.MinimumNormSolution(scaled.X, n, d, residual);
        var theta = new double[d];
        for (int i = 0; i < d; i++) theta[i] = theta0[i] + root[i] * u[i];
        return theta;
    }

    /// <summary>
    /// Wilson et al.'s lemma: if s = sign(Xᵀy) satisfies X·s = c·y (checked to a relative 1e-9), the limit of adaptive and
    /// sign methods from 0 is s/c. Returns null when the condition fails.
    /// </summary>
    public static double[]? SignSolution(LeastSquaresProblem problem)
    {
        int n = problem.Samples, d = problem.Features;
        var s = new double[d];
        for (int j = 0; j < n; j++)
        {
            var row = problem.Row(j);
            for (int i = 0; i < d; i++) s[i] += row[i] * problem.Y[j];
        }
        for (int i = 0; i < d; i++) s[i] = Math.Sign(s[i]);
        var xs = new double[n];
        double dot = 0, yy = 0;
        for (int j = 0; j < n; j++)
        {
            var row = problem.Row(j);
            for (int i = 0; i < d; i++) xs[j] += row[i] * s[i];
            dot += xs[j] * problem.Y[j];
            yy += problem.Y[j] * problem.Y[j];
        }
        if (yy == 0 || dot == 0) return null;
        double c = dot / yy, error = 0, scale = 0;
        for (int j = 0; j < n; j++) { error = Math.Max(error, Math.Abs(xs[j] - c * problem.Y[j])); scale = Math.Max(scale, Math.Abs(xs[j])); }
        if (error > 1e-9 * scale) return null;
        for (int i = 0; i < d; i++) s[i] /= c;
        return s;
    }
}
