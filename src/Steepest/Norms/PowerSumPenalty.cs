using System.Globalization;

namespace Steepest.Norms;

/// <summary>d(x) = Σ |xᵢ|^q, q ≥ 1: separable, so its prox solves one monotone scalar equation per coordinate.</summary>
internal sealed class PowerSumPenalty : ConvexPenalty
{
    private readonly double q;

    public PowerSumPenalty(double q)
    {
        if (!(q >= 1) || !double.IsFinite(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "the power must be finite and ≥ 1 for convexity");
        this.q = q;
    }

    public override string Description => $"Σ|Δᵢ|^{q.ToString("G6", CultureInfo.InvariantCulture)}";

    public override double Value(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double value in x) sum += Math.Pow(Math.Abs(value), q);
        return sum;
    }

    public override void Subgradient(ReadOnlySpan<double> x, Span<double> s)
    {
        for (int i = 0; i < x.Length; i++) s[i] = q * Math.Sign(x[i]) * Math.Pow(Math.Abs(x[i]), q - 1);
    }

    public override bool HasProx => true;

    /// <summary>xᵢ = sign(vᵢ)·z with z + λq·z^(q−1) = |vᵢ| (soft-thresholding at q = 1).</summary>
    public override void Prox(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        for (int i = 0; i < v.Length; i++)
        {
            double a = Math.Abs(v[i]);
            double z = q == 1 ? Math.Max(a - lambda, 0) : ScalarRoots.IncreasingPowerEquation(a, lambda * q, q - 1);
            x[i] = Math.Sign(v[i]) * z;
        }
    }
}
