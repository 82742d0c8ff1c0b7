using System.Globalization;

namespace Steepest.Norms;

/// <summary>
/// The ℓp norm ‖x‖_p = (Σ |xᵢ|^p)^(1/p) for 1 &lt; p &lt; ∞; its dual is ℓq with 1/p + 1/q = 1.
/// Its steepest step interpolates gradient descent (p = 2) and sign descent (p → ∞).
/// </summary>
public sealed class LpNorm : Norm
{
    /// <summary>Creates ℓp; p must be finite and &gt; 1 (use <see cref="L1Norm"/> or <see cref="LInfinityNorm"/> for the ends).</summary>
    public LpNorm(double p)
    {
        if (!(p > 1) || !double.IsFinite(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, "ℓp needs a finite p > 1 (use l1 or linf for the limits)");
        P = p;
        Q = p / (p - 1);
    }

    /// <summary>The exponent p.</summary>
    public double P { get; }

    /// <summary>The dual exponent q = p/(p − 1).</summary>
    public double Q { get; }

    /// <inheritdoc/>
    public override string Name => "lp:" + P.ToString("R", CultureInfo.InvariantCulture);
    /// <inheritdoc/>
    public override string Symbol => $"‖x‖_{Exponent(P)}";
    /// <inheritdoc/>
    public override string DualSymbol => $"‖g‖_{Exponent(Q)}";

    /// <summary>An exponent as the math writes it: 3, 1.5, 1.1·10⁷ (never .NET's 1.1E+07).</summary>
    private static string Exponent(double value)
    {
        string text = value.ToString("G6", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e < 0) return text;
        string mantissa = text[..e], power = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        string superscript = string.Concat(power.Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));
        return (mantissa == "1" ? "" : mantissa + "·") + "10" + superscript;
    }
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·‖g‖_q·sign(g)·(|g|/‖g‖_q)^(q−1), q = p/(p−1)";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "ℓp steepest descent: gradient descent at p = 2, tending to sign descent as p → ∞";

    /// <summary>(Σ |xᵢ|^p)^(1/p), scaled by max |xᵢ| against overflow.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x) => PowerNorm(x, P);

    /// <summary>‖g‖_q.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g) => PowerNorm(g, Q);

    /// <summary>tᵢ = sign(gᵢ)·(|gᵢ|/‖g‖_q)^(q−1), so ‖t‖_p = 1 and ⟨g, t⟩ = ‖g‖_q.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
    {
        double dual = PowerNorm(g, Q);
        for (int i = 0; i < g.Length; i++) t[i] = Math.Sign(g[i]) * Math.Pow(Math.Abs(g[i]) / dual, Q - 1);
    }

    /// <summary>sᵢ = sign(xᵢ)·(|xᵢ|/‖x‖_p)^(p−1), the gradient of ‖x‖_p.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        double norm = PowerNorm(x, P);
        for (int i = 0; i < x.Length; i++) s[i] = Math.Sign(x[i]) * Math.Pow(Math.Abs(x[i]) / norm, P - 1);
    }

    /// <summary>
    /// Projection onto the ℓp ball. KKT: pᵢ = sign(vᵢ)·yᵢ with yᵢ + μ·p·yᵢ^(p−1) = |vᵢ| and Σ yᵢ^p = r^p;
    /// each yᵢ(μ) is found by safeguarded Newton and μ by bisection on the decreasing Σ yᵢ(μ)^p.
    /// </summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        if (PowerNorm(v, P) <= radius) { v.CopyTo(p); return; }
        double scale = MaxAbs(v);
        double target = Math.Pow(radius / scale, P);
        var a = new double[v.Length];
        for (int i = 0; i < v.Length; i++) a[i] = Math.Abs(v[i]) / scale;
        var y = new double[v.Length];

        double SumOfPowers(double mu)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                y[i] = ScalarRoots.IncreasingPowerEquation(a[i], mu * P, P - 1);
                sum += Math.Pow(y[i], P);
            }
            return sum;
        }

        double lo = 0, hi = 1;
        while (SumOfPowers(hi) > target && hi < 1e300) hi *= 2;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            if (SumOfPowers(mid) > target) lo = mid; else hi = mid;
        }
        SumOfPowers(hi); // hi keeps the iterate feasible: Σ y^p ≤ r^p
        for (int i = 0; i < v.Length; i++) p[i] = Math.Sign(v[i]) * y[i] * scale;
    }

    /// <summary>
    /// Prox of λ‖·‖_p². KKT: xᵢ = sign(vᵢ)·yᵢ with yᵢ + μp·yᵢ^(p−1) = |vᵢ| and μp = 2λ‖y‖_p^(2−p). With ρ(μ) = ‖y(μ)‖_p,
    /// k(μ) = log μ + (p−2)·log ρ(μ) − log(2λ/p) is strictly increasing in μ for every p &gt; 1 (since
    /// ρ'/ρ ≥ −1/(μ(p−1))), so its root is bracketed and found by the Illinois method on log μ.
    /// The map is 2-homogeneous in v, so v is first scaled to max |vᵢ| = 1.
    /// </summary>
    protected override void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        double scale = MaxAbs(v);
        var a = new double[v.Length];
        for (int i = 0; i < v.Length; i++) a[i] = Math.Abs(v[i]) / scale;
        var y = new double[v.Length];
        double offset = Math.Log(2 * lambda / P);

        double K(double logMu)
        {
            double mu = Math.Exp(logMu);
            for (int i = 0; i < a.Length; i++) y[i] = ScalarRoots.IncreasingPowerEquation(a[i], mu * P, P - 1);
            double rho = PowerNorm(y, P);
            return rho == 0 ? double.PositiveInfinity : logMu + (P - 2) * Math.Log(rho) - offset;
        }

        double lo = offset + (2 - P) * Math.Log(PowerNorm(a, P)), hi = lo;
        double kLo = K(lo), kHi = kLo;
        while (kLo > 0 && lo > -700) { hi = lo; kHi = kLo; lo -= 5; kLo = K(lo); }
        while (kHi < 0 && hi < 700) { lo = hi; kLo = kHi; hi += 5; kHi = K(hi); }
        int side = 0;
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); iteration++)
        {
            double mid = double.IsFinite(kHi) ? (lo * kHi - hi * kLo) / (kHi - kLo) : 0.5 * (lo + hi);
            if (!(mid > lo && mid < hi)) mid = 0.5 * (lo + hi);
            double kMid = K(mid);
            if (kMid == 0) { lo = hi = mid; break; }
            if (kMid < 0)
            {
                lo = mid; kLo = kMid;
                if (side == -1) kHi /= 2; // Illinois: halve the stale end so the bracket shrinks from both sides
                side = -1;
            }
            else
            {
                hi = mid; kHi = kMid;
                if (side == 1) kLo /= 2;
                side = 1;
            }
        }
        K(0.5 * (lo + hi));
        for (int i = 0; i < v.Length; i++) x[i] = Math.Sign(v[i]) * y[i] * scale;
    }

    /// <summary>(Σ |xᵢ|^e)^(1/e) computed as m·(Σ (|xᵢ|/m)^e)^(1/e) with m = max |xᵢ|.</summary>
    private static double PowerNorm(ReadOnlySpan<double> x, double exponent)
    {
        double scale = MaxAbs(x);
        if (scale == 0) return 0;
        double sum = 0;
        foreach (double value in x) sum += Math.Pow(Math.Abs(value) / scale, exponent);
        return scale * Math.Pow(sum, 1 / exponent);
    }
}
