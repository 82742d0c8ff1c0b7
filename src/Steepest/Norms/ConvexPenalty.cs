namespace Steepest.Norms;

/// <summary>
/// A convex distance penalty d(Δ) for the penalized linear improvement argmin_Δ ⟨g, Δ⟩ + (1/α)·d(Δ):
/// a value, a subgradient, and optionally a proximal map (which lets <see cref="PenalizedLinearSolver"/> handle kinks exactly).
/// </summary>
public abstract class ConvexPenalty
{
    /// <summary>A short formula for reports, e.g. ‖Δ‖∞².</summary>
    public abstract string Description { get; }

    /// <summary>d(x).</summary>
    public abstract double Value(ReadOnlySpan<double> x);

    /// <summary>Writes some s ∈ ∂d(x).</summary>
    public abstract void Subgradient(ReadOnlySpan<double> x, Span<double> s);

    /// <summary>Whether <see cref="Prox"/> is available.</summary>
    public virtual bool HasProx => false;

    /// <summary>prox_{λd}(v) = argmin_x λ·d(x) + ½‖x − v‖₂².</summary>
    public virtual void Prox(ReadOnlySpan<double> v, double lambda, Span<double> x) =>
        throw new NotSupportedException($"{Description} has no proximal map");

    /// <summary>d(Δ) = ‖Δ‖² for a catalogue norm; the prox comes from the norm's own ball projections (not from its dualization).</summary>
    public static ConvexPenalty SquaredNorm(Norm norm) => new SquaredNormPenalty(norm);

    /// <summary>d(Δ) = ‖Δ‖ (unsquared): 1-homogeneous, so ⟨g, Δ⟩ + (1/α)‖Δ‖ is unbounded below exactly when α·‖g‖* &gt; 1.</summary>
    public static ConvexPenalty NormOf(Norm norm) => new NormPenalty(norm);

    /// <summary>d(Δ) = Σ |Δᵢ|^q for q ≥ 1 (q = 3 has no norm behind it but a separable closed form).</summary>
    public static ConvexPenalty PowerSum(double q) => new PowerSumPenalty(q);

    /// <summary>A penalty from plain functions; without <paramref name="prox"/> the solver uses only values and subgradients.</summary>
    public static ConvexPenalty FromFunctions(string description, PenaltyValue value, PenaltySubgradient subgradient, PenaltyProx? prox = null) =>
        new FunctionPenalty(description, value, subgradient, prox);
}
