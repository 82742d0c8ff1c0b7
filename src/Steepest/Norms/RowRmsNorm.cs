namespace Steepest.Norms;

/// <summary>
/// The norm modular duality gives an embedding table (one row per token): ‖X‖ = maxᵢ RMS(Xᵢ) = maxᵢ ‖Xᵢ‖₂/√n for n columns.
/// Its dual is √n·Σᵢ ‖Gᵢ‖₂ and it dualizes row by row: Tᵢ = √n·Gᵢ/‖Gᵢ‖₂ (rows with zero gradient stay 0).
/// </summary>
/// <remarks>Tie rule: Subgradient uses the lowest row attaining the max.</remarks>
public sealed class RowRmsNorm : MatrixNorm
{
    private readonly double rootColumns;

    /// <summary>Binds the norm to a rows×columns table.</summary>
    public RowRmsNorm(int rows, int columns) : base(rows, columns) => rootColumns = Math.Sqrt(columns);

    /// <inheritdoc/>
    public override string Name => "rowrms";
    /// <inheritdoc/>
    public override string Symbol => "maxᵢ RMS(Xᵢ)";
    /// <inheritdoc/>
    public override string DualSymbol => "√n·Σᵢ ‖Gᵢ‖₂";
    /// <inheritdoc/>
    public override string StepFormula => "uᵢ = −(α/2)·(√n·Σₖ‖Gₖ‖₂)·√n·Gᵢ/‖Gᵢ‖₂";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "row-normalized updates of an embedding table (modula's Embed)";

    /// <summary>maxᵢ ‖Xᵢ‖₂/√n.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x)
    {
        double max = 0;
        for (int i = 0; i < Rows; i++) max = Math.Max(max, ScaledEuclidean(Row(x, i)));
        return max / rootColumns;
    }

    /// <summary>√n·Σᵢ ‖Gᵢ‖₂.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g)
    {
        double sum = 0;
        for (int i = 0; i < Rows; i++) sum += ScaledEuclidean(Row(g, i));
        return rootColumns * sum;
    }

    /// <summary>Tᵢ = √n·Gᵢ/‖Gᵢ‖₂.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
    {
        for (int i = 0; i < Rows; i++)
        {
            var row = Row(g, i);
            var target = t.Slice(i * Columns, Columns);
            double length = ScaledEuclidean(row);
            if (length == 0) { target.Clear(); continue; }
            for (int j = 0; j < Columns; j++) target[j] = rootColumns * (row[j] / length);
        }
    }

    /// <summary>S = X_k/(√n·‖X_k‖₂) in the lowest row k of largest RMS, 0 elsewhere.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        int best = 0;
        double max = -1;
        for (int i = 0; i < Rows; i++)
        {
            double length = ScaledEuclidean(Row(x, i));
            if (length > max) { max = length; best = i; }
        }
        s.Clear();
        var row = Row(x, best);
        for (int j = 0; j < Columns; j++) s[best * Columns + j] = row[j] / max / rootColumns;
    }

    /// <summary>The ball is a product of ℓ2 balls of radius r·√n, one per row.</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        double limit = radius * rootColumns;
        for (int i = 0; i < Rows; i++)
        {
            var row = Row(v, i);
            double length = ScaledEuclidean(row);
            double factor = length > limit ? limit / length : 1;
            for (int j = 0; j < Columns; j++) p[i * Columns + j] = row[j] * factor;
        }
    }

    /// <inheritdoc/>
    public override Dualizer CreateDualizer(int newtonSchulzSteps = 5, bool exact = false) => new RowRmsDualizer(Rows, Columns);

    private ReadOnlySpan<double> Row(ReadOnlySpan<double> x, int i) => x.Slice(i * Columns, Columns);
}
