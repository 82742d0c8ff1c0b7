namespace Steepest.Convergence;

/// <summary>
/// The binary problem of Wilson et al. (2017, §3.3) on which adaptive methods generalize badly. Sample i has label
/// yᵢ = ±1 (P(y = 1) = p &gt; ½) and features x₁ = yᵢ, x₂ = x₃ = 1, plus features private to the sample: one when
/// yᵢ = 1, five when yᵢ = −1. Fit by least squares on the labels. A new sample shares only the first three features,
/// so a weight vector w predicts sign(y·w₁ + w₂ + w₃).
/// </summary>
public static class WilsonConstruction
{
    /// <summary>The training problem with <paramref name="samples"/> samples.</summary>
    public static LeastSquaresProblem Generate(int samples, double p, int seed)
    {
        if (samples < 1) throw new ArgumentException("needs at least one sample");
        if (!(p > 0.5 && p < 1)) throw new ArgumentException($"p must be in (0.5, 1), got {p}");
        var random = new Random(seed);
        var labels = Enumerable.Range(0, samples).Select(_ => random.NextDouble() < p ? 1.0 : -1.0).ToArray();
        int features = 3 + labels.Sum(y => y > 0 ? 1 : 5);
        var x = new double[samples * features];
        int next = 3;
        for (int i = 0; i < samples; i++)
        {
            x[i * features] = labels[i];
            x[i * features + 1] = 1;
            x[i * features + 2] = 1;
            int own = labels[i] > 0 ? 1 : 5;
            for (int k = 0; k < own; k++) x[i * features + next++] = 1;
        }
        return new LeastSquaresProblem(x, samples, features, labels, $"Wilson et al. construction, {samples} samples, p = {p} (seed {seed})");
    }

    /// <summary>
    /// Expected test error of weights w on fresh samples: p·[w₁ + w₂ + w₃ ≤ 0] + (1 − p)·[−w₁ + w₂ + w₃ ≥ 0]
    /// (a prediction of exactly 0 counts as wrong).
    /// </summary>
    public static double TestError(ReadOnlySpan<double> weights, double p)
    {
        double positive = weights[0] + weights[1] + weights[2], negative = -weights[0] + weights[1] + weights[2];
        return (positive <= 0 ? p : 0) + (negative >= 0 ? 1 - p : 0);
    }
}
