using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>
/// A norm ‖·‖ on row-major arrays, with everything steepest descent needs from it: its value, its dual
/// norm, the dualization map, the steepest step, a subgradient, the Euclidean projection onto its ball
/// and the proximal map of its square.
/// </summary>
/// <remarks>
/// Rules shared by every norm:
/// <list type="bullet">
/// <item>Lengths are validated up front; a norm bound to a shape (matrix and block norms) rejects any other length.</item>
/// <item>Non-finite input (NaN or ±∞) makes scalar results NaN and fills vector results with NaN,
/// so a bad gradient is visible downstream instead of silently turned into a plausible step.</item>
/// <item>Dualize(0) = 0: every t maximizes ⟨0, t⟩ and the zero step is the one optimizers expect.</item>
/// </list>
/// Dualize and Subgradient are computed by separate code paths although each is the other's dual
/// (∂‖x‖ = argmax over the dual ball), so tests and the general solver can check one against the other.
/// </remarks>
public abstract class Norm
{
    /// <summary>Catalogue name, as accepted by <see cref="NormCatalogue.Parse"/> (e.g. "linf", "lp:3").</summary>
    public abstract string Name { get; }

    /// <summary>The norm's symbol, e.g. ‖x‖∞.</summary>
    public abstract string Symbol { get; }

    /// <summary>The dual norm's symbol applied to g, e.g. ‖g‖₁.</summary>
    public abstract string DualSymbol { get; }

    /// <summary>The closed form of the steepest step, e.g. u = −(α/2)·‖g‖₁·sign(g).</summary>
    public abstract string StepFormula { get; }

    /// <summary>The optimizer this norm's steepest step recovers.</summary>
    public abstract string RecoveredOptimizer { get; }

    /// <summary>The number of elements the norm is defined on, or null when any length is accepted.</summary>
    public virtual int? Length => null;

    /// <summary>‖x‖.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        return AllFinite(x) ? ValueCore(x) : double.NaN;
    }

    /// <summary>‖g‖* = max over ‖t‖ ≤ 1 of ⟨g, t⟩.</summary>
    public double DualNorm(ReadOnlySpan<double> g)
    {
        CheckLength(g.Length, nameof(g));
        return AllFinite(g) ? DualNormCore(g) : double.NaN;
    }

    /// <summary>t = a maximizer of ⟨g, t⟩ over ‖t‖ ≤ 1, so ⟨g, t⟩ = ‖g‖* and ‖t‖ = 1 (or t = 0 when g = 0).</summary>
    public void Dualize(ReadOnlySpan<double> g, Span<double> t)
    {
        CheckLength(g.Length, nameof(g));
        CheckSameLength(g.Length, t.Length, nameof(t));
        if (!AllFinite(g)) { t.Fill(double.NaN); return; }
        if (IsZero(g)) { t.Clear(); return; }
        DualizeCore(g, t);
    }

    /// <summary>Allocating form of <see cref="Dualize(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public double[] Dualize(ReadOnlySpan<double> g)
    {
        var t = new double[g.Length];
        Dualize(g, t);
        return t;
    }

    /// <summary>
    /// u = argmin_Δ ⟨g, Δ⟩ + (1/α)·‖Δ‖² = −(α/2)·‖g‖*·Dualize(g); returns ‖g‖*.
    /// The minimum value is −(α/4)·‖g‖*².
    /// </summary>
    public double SteepestStep(ReadOnlySpan<double> g, double alpha, Span<double> u)
    {
        CheckLength(g.Length, nameof(g));
        CheckSameLength(g.Length, u.Length, nameof(u));
        if (!(alpha > 0) || !double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be a finite number > 0");
        if (!AllFinite(g)) { u.Fill(double.NaN); return double.NaN; }
        if (IsZero(g)) { u.Clear(); return 0; }
        double dual = DualizeWithDualNormCore(g, u);
        TensorPrimitives.Multiply(u, -0.5 * alpha * dual, u);
        return dual;
    }

    /// <summary>Allocating form of <see cref="SteepestStep(ReadOnlySpan{double}, double, Span{double})"/>.</summary>
    public double[] SteepestStep(ReadOnlySpan<double> g, double alpha)
    {
        var u = new double[g.Length];
        SteepestStep(g, alpha, u);
        return u;
    }

    /// <summary>s ∈ ∂‖x‖: a dual-ball element with ⟨s, x⟩ = ‖x‖ (s = 0 at x = 0).</summary>
    public void Subgradient(ReadOnlySpan<double> x, Span<double> s)
    {
        CheckLength(x.Length, nameof(x));
        CheckSameLength(x.Length, s.Length, nameof(s));
        if (!AllFinite(x)) { s.Fill(double.NaN); return; }
        if (IsZero(x)) { s.Clear(); return; }
        SubgradientCore(x, s);
    }

    /// <summary>p = argmin over ‖y‖ ≤ r of ‖y − v‖₂ (Euclidean projection onto the ball of radius r).</summary>
    public void ProjectOntoBall(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        CheckLength(v.Length, nameof(v));
        CheckSameLength(v.Length, p.Length, nameof(p));
        if (!(radius >= 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be ≥ 0");
        if (!AllFinite(v)) { p.Fill(double.NaN); return; }
        if (radius == 0) { p.Clear(); return; }
        if (double.IsPositiveInfinity(radius)) { v.CopyTo(p); return; }
        ProjectOntoBallCore(v, radius, p);
    }

    /// <summary>x = prox of λ‖·‖² at v = argmin_x λ·‖x‖² + ½‖x − v‖₂².</summary>
    public void ProxOfSquare(ReadOnlySpan<double> v, double lambda, Span<double> x)
    {
        CheckLength(v.Length, nameof(v));
        CheckSameLength(v.Length, x.Length, nameof(x));
        if (!(lambda >= 0) || double.IsPositiveInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0");
        if (!AllFinite(v)) { x.Fill(double.NaN); return; }
        if (lambda == 0) { v.CopyTo(x); return; }
        if (IsZero(v)) { x.Clear(); return; }
        ProxOfSquareCore(v, lambda, x);
    }

    /// <summary>
    /// The float dualization optimizers use: the norm's fast form (Newton–Schulz with <paramref name="newtonSchulzSteps"/>
    /// steps for operator norms), or its exact one with <paramref name="exact"/> or when it has no faster form.
    /// </summary>
    public virtual Dualizer CreateDualizer(int newtonSchulzSteps = 5, bool exact = false) => new ExactDualizer(this);

    /// <summary>Whether <see cref="ProxOfSquare"/> is cheap enough for iterative solvers (a few projections or one SVD).</summary>
    public virtual bool HasEfficientProxOfSquare => true;

    /// <summary>‖x‖ for finite x of the right length.</summary>
    protected abstract double ValueCore(ReadOnlySpan<double> x);

    /// <summary>‖g‖* for finite g of the right length.</summary>
    protected abstract double DualNormCore(ReadOnlySpan<double> g);

    /// <summary>Dualize for finite, nonzero g.</summary>
    protected abstract void DualizeCore(ReadOnlySpan<double> g, Span<double> t);

    /// <summary>Dualize and the dual norm together, for norms where both come from one factorization.</summary>
    protected virtual double DualizeWithDualNormCore(ReadOnlySpan<double> g, Span<double> t)
    {
        DualizeCore(g, t);
        return DualNormCore(g);
    }

    /// <summary>A subgradient for finite, nonzero x.</summary>
    protected abstract void SubgradientCore(ReadOnlySpan<double> x, Span<double> s);

    /// <summary>Projection for finite v and 0 &lt; r &lt; ∞.</summary>
    protected abstract void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p);

    /// <summary>Default prox of λ‖·‖²: the radial search below with h(r) = λr².</summary>
    protected virtual void ProxOfSquareCore(ReadOnlySpan<double> v, double lambda, Span<double> x) =>
        ProxOfRadial(v, r => 2 * lambda * r, x);

    /// <summary>
    /// x = argmin_x h(‖x‖) + ½‖x − v‖₂² for a convex increasing h, given its slope h'. The minimizer is the
    /// projection of v onto the ball of radius r*, where r* minimizes φ(r) = h(r) + ½·dist(v, rB)². φ is convex
    /// with φ'(r) = h'(r) − ⟨v − P_r v, P_r v⟩/r, so r* ∈ [0, ‖v‖] is found by bisection on the sign of φ'.
    /// Uses only <see cref="ProjectOntoBallCore"/>, never the dualization, so it can check it.
    /// </summary>
    internal void ProxOfRadial(ReadOnlySpan<double> v, Func<double, double> radialSlope, Span<double> x)
    {
        CheckLength(v.Length, nameof(v));
        if (!AllFinite(v)) { x.Fill(double.NaN); return; }
        double lo = 0, hi = ValueCore(v);
        if (hi == 0) { x.Clear(); return; }
        var projection = new double[v.Length];
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            ProjectOntoBallCore(v, mid, projection);
            double inner = 0;
            for (int i = 0; i < v.Length; i++) inner += (v[i] - projection[i]) * projection[i];
            double slope = radialSlope(mid) - inner / mid;
            if (slope < 0) lo = mid; else hi = mid;
        }
        // lo never moved means φ' ≥ 0 on every probe, so by convexity φ is minimized at r = 0.
        double radius = lo == 0 ? 0 : 0.5 * (lo + hi);
        if (radius == 0) x.Clear();
        else ProjectOntoBallCore(v, radius, x);
    }

    /// <summary>Throws unless <paramref name="length"/> is one this norm accepts.</summary>
    protected void CheckLength(int length, string parameter)
    {
        if (length < 1) throw new ArgumentException($"{Name}: input is empty", parameter);
        if (Length is int expected && length != expected)
            throw new ArgumentException($"{Name}: input has {length} elements, the norm is defined on {expected}", parameter);
    }

    private static void CheckSameLength(int expected, int actual, string parameter)
    {
        if (actual != expected)
            throw new ArgumentException($"output has {actual} elements, input has {expected}", parameter);
    }

    /// <summary>True when no element is NaN or infinite.</summary>
    protected static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double value in x)
            if (!double.IsFinite(value)) return false;
        return true;
    }

    /// <summary>True when every element is zero.</summary>
    protected static bool IsZero(ReadOnlySpan<double> x) => MaxAbs(x) == 0;

    /// <summary>max_i |x_i|.</summary>
    protected static double MaxAbs(ReadOnlySpan<double> x) => Math.Abs(TensorPrimitives.MaxMagnitude(x));

    /// <summary>‖x‖₂ computed with scaling, so it neither overflows nor underflows for finite x.</summary>
    protected static double ScaledEuclidean(ReadOnlySpan<double> x)
    {
        double scale = MaxAbs(x);
        if (scale == 0) return 0;
        double sum = 0;
        foreach (double value in x)
        {
            double r = value / scale;
            sum += r * r;
        }
        return scale * Math.Sqrt(sum);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
