using System.Numerics.Tensors;
using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>
/// The shortest vector in the convex hull of some vectors: min ‖Σλⱼbⱼ‖ over the simplex, a small QP solved by
/// accelerated projected gradient on the Gram matrix. Any feasible λ gives a valid (upper-bound) certificate, so an
/// approximate answer is safe.
/// </summary>
internal static class MinimumNormCombination
{
    /// <summary>FISTA iterations: a fixed count, since the bundle has at most 40 rows and each iteration is m² work.</summary>
    private const int Iterations = 3000;

    /// <summary>Σλⱼbⱼ for the λ on the simplex that makes it shortest.</summary>
    public static double[] Of(double[][] rows)
    {
        int m = rows.Length;
        var gram = new double[m, m];
        double trace = 0;
        for (int a = 0; a < m; a++)
            for (int b = a; b < m; b++)
            {
                gram[a, b] = gram[b, a] = OrderedSums.Dot(rows[a], rows[b]);
                if (a == b) trace += gram[a, a];
            }
        var lambda = new double[m];
        var momentum = new double[m];
        var previous = new double[m];
        var gradient = new double[m];
        Array.Fill(lambda, 1.0 / m);
        lambda.CopyTo(momentum, 0);
        // The trace bounds the Gram matrix's largest eigenvalue, so 1/trace is a safe step.
        double stepSize = trace > 0 ? 1 / trace : 1;
        double t = 1;
        for (int iteration = 0; iteration < Iterations; iteration++)
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
        var w = new double[rows[0].Length];
        for (int a = 0; a < m; a++) TensorPrimitives.MultiplyAdd<double>(rows[a], lambda[a], w, w);
        return w;
    }

    /// <summary>The Euclidean projection onto {λ ≥ 0, Σλ = 1}, by sorting (Held, Wolfe &amp; Crowder).</summary>
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
}
