namespace Steepest.Norms;

/// <summary>
/// A norm's dualization in the float, allocation-free form optimizers need: t = Dualize(g) in the norm's exact or fast
/// form (Newton–Schulz for operator norms, sign for ℓ∞, row normalisation for embeddings); returns ⟨g, t⟩, which is
/// ‖g‖* when the form is exact. <c>t</c> may be the same memory as <c>g</c>.
/// </summary>
/// <remarks>As for <see cref="Norm"/>: non-finite g gives t = NaN and returns NaN, and g = 0 gives t = 0 and returns 0.</remarks>
public abstract class Dualizer
{
    /// <summary>A dualizer for inputs of <paramref name="length"/> elements (null: any length).</summary>
    protected Dualizer(int? length)
    {
        if (length is < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "length must be ≥ 1");
        Length = length;
    }

    /// <summary>The input length this dualizer is bound to, or null when it takes any.</summary>
    public int? Length { get; }

    /// <summary>How it dualizes, e.g. "newton-schulz(5 steps)", "sign", "exact (SVD)".</summary>
    public abstract string Form { get; }

    /// <summary>t = Dualize(g); returns ⟨g, t⟩.</summary>
    public double Dualize(ReadOnlySpan<float> g, Span<float> t)
    {
        if (g.IsEmpty) throw new ArgumentException("input is empty", nameof(g));
        if (Length is int expected && g.Length != expected)
            throw new ArgumentException($"input has {g.Length} elements, the dualizer is bound to {expected}", nameof(g));
        if (t.Length != g.Length) throw new ArgumentException($"output has {t.Length} elements, input has {g.Length}", nameof(t));
        bool zero = true;
        foreach (float value in g)
        {
            if (!float.IsFinite(value)) { t.Fill(float.NaN); return double.NaN; }
            zero &= value == 0;
        }
        if (zero) { t.Clear(); return 0; }
        return DualizeCore(g, t);
    }

    /// <summary>Dualize for finite, nonzero g of the right length; t may alias g.</summary>
    protected abstract double DualizeCore(ReadOnlySpan<float> g, Span<float> t);
}
