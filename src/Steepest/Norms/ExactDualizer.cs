namespace Steepest.Norms;

/// <summary>Any norm's own double-precision dualization, for norms without a faster float form (and for checks).</summary>
internal sealed class ExactDualizer(Norm norm) : Dualizer(norm.Length)
{
    private double[] g = [], t = [];

    public override string Form => norm is SpectralNorm ? "exact (SVD)" : "exact";

    protected override double DualizeCore(ReadOnlySpan<float> gradient, Span<float> result)
    {
        if (g.Length != gradient.Length) { g = new double[gradient.Length]; t = new double[gradient.Length]; }
        for (int i = 0; i < g.Length; i++) g[i] = gradient[i];
        // SteepestStep(g, 2) = −‖g‖*·Dualize(g) and returns ‖g‖*: one factorization gives both.
        double dual = norm.SteepestStep(g, 2, t);
        double factor = -1 / dual;
        for (int i = 0; i < t.Length; i++) result[i] = (float)(t[i] * factor);
        return dual;
    }
}
