using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>
/// The spectral (operator ℓ2→ℓ2) norm ‖X‖ = c·σ₁(X), here with c = 1; its dual is the nuclear norm Σσᵢ/c and
/// its steepest step is the orthogonalized update −(α/2)·(Σσᵢ)·U·Vᵀ of Muon and of Shampoo without accumulation.
/// </summary>
/// <remarks>Everything is computed from an exact SVD; singular values at or below the numerical-rank threshold
/// max(m, n)·ε·σ₁ count as zero, so Dualize = U_r·V_rᵀ over the numerically nonzero ones.</remarks>
public class SpectralNorm : MatrixNorm
{
    private readonly double scale;

    /// <summary>Binds the spectral norm to a rows×columns shape.</summary>
    public SpectralNorm(int rows, int columns) : this(rows, columns, 1.0) { }

    /// <summary>The spectral norm multiplied by <paramref name="scale"/> &gt; 0.</summary>
    protected SpectralNorm(int rows, int columns, double scale) : base(rows, columns)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be finite and > 0");
        this.scale = scale;
    }

    /// <summary>The factor c in ‖X‖ = c·σ₁(X).</summary>
    public double Scale => scale;

    /// <inheritdoc/>
    public override string Name => "spectral";
    /// <inheritdoc/>
    public override string Symbol => "‖X‖₂→₂";
    /// <inheritdoc/>
    public override string DualSymbol => "‖G‖_* (nuclear)";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·(Σσᵢ)·U·Vᵀ";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "the orthogonalized update U·Vᵀ: Muon, Shampoo without accumulation";

    /// <summary>c·σ₁.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x) => scale * Decompose(x).S[0];

    /// <summary>(Σσᵢ)/c.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g) => Decompose(g).S.Sum() / scale;

    /// <summary>T = U_r·V_rᵀ/c over the numerically nonzero singular values.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t) => DualizeWithDualNormCore(g, t);

    /// <summary>One SVD gives both T = U_r·V_rᵀ/c and the nuclear norm.</summary>
    protected override double DualizeWithDualNormCore(ReadOnlySpan<double> g, Span<double> t)
    {
        var svd = Decompose(g);
        int r = svd.NumericalRank();
        var ones = new double[svd.Rank];
        for (int i = 0; i < r; i++) ones[i] = 1 / scale;
        Compose(svd, ones, t);
        return svd.S.Sum() / scale;
    }

    /// <summary>S = c·u₁·v₁ᵀ, from the top singular pair.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        var svd = Decompose(x);
        var top = new double[svd.Rank];
        top[0] = scale;
        Compose(svd, top, s);
    }

    /// <summary>P = U·min(σ, r/c)·Vᵀ.</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        var svd = Decompose(v);
        var clipped = svd.S.Select(sigma => Math.Min(sigma, radius / scale)).ToArray();
        Compose(svd, clipped, p);
    }

    /// <summary>X = U·prox_{λc²‖·‖∞²}(σ)·Vᵀ: the prox of a unitarily invariant norm acts on the singular values.</summary>
    protected override void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        var svd = Decompose(v);
        var shrunk = new double[svd.Rank];
        new LInfinityNorm().ProxOfSquare(svd.S, lambda * scale * scale, shrunk);
        Compose(svd, shrunk, x);
    }

    /// <summary>T = NewtonSchulz(G)/c, or U_r·V_rᵀ/c from the SVD with <paramref name="exact"/>.</summary>
    public override Dualizer CreateDualizer(int newtonSchulzSteps = 5, bool exact = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newtonSchulzSteps);
        return exact ? new ExactDualizer(this) : new NewtonSchulzDualizer(Rows, Columns, scale, newtonSchulzSteps);
    }

    private SingularValueDecomposition Decompose(ReadOnlySpan<double> x) => SingularValueDecomposition.Compute(x, Rows, Columns);

    /// <summary>Writes U·diag(d)·Vᵀ row-major into <paramref name="result"/>.</summary>
    private void Compose(SingularValueDecomposition svd, double[] diagonal, Span<double> result)
    {
        int k = svd.Rank;
        result.Clear();
        for (int r = 0; r < k; r++)
        {
            if (diagonal[r] == 0) continue;
            for (int i = 0; i < Rows; i++)
            {
                double left = svd.U[i * k + r] * diagonal[r];
                if (left == 0) continue;
                Span<double> row = result.Slice(i * Columns, Columns);
                for (int j = 0; j < Columns; j++) row[j] += left * svd.V[j * k + r];
            }
        }
    }
}
