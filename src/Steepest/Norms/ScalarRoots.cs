namespace Steepest.Norms;

/// <summary>Scalar root finders shared by the ℓp projection and the power-sum prox.</summary>
internal static class ScalarRoots
{
    /// <summary>
    /// The root z ∈ [0, a] of z + c·z^e = a for a ≥ 0, c ≥ 0, e &gt; 0. In w = log z the equation
    /// H(w) = e^w + c·e^(e·w) − a = 0 is increasing and convex, so Newton started to the right of the root
    /// (at log min(a, (a/c)^(1/e)), both upper bounds) descends to it monotonically, whatever the exponent.
    /// </summary>
    public static double IncreasingPowerEquation(double a, double c, double e)
    {
        if (a == 0) return 0;
        if (c == 0) return a;
        double logA = Math.Log(a), logC = Math.Log(c);
        double w = Math.Min(logA, (logA - logC) / e);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double linear = Math.Exp(w);
            double power = Math.Exp(logC + e * w);
            double h = linear + power - a;
            if (h <= 0) break;
            double step = h / (linear + e * power);
            w -= step;
            if (step <= 1e-15) break;
        }
        return Math.Exp(w);
    }
}
