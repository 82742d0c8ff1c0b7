using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>The ℓ∞ dualization t = sign(g) (exact); ⟨g, t⟩ = ‖g‖₁.</summary>
internal sealed class SignDualizer() : Dualizer(null)
{
    public override string Form => "sign";

    protected override double DualizeCore(ReadOnlySpan<float> g, Span<float> t)
    {
        double dual = 0;
        // Blocks keep the float partial sums short, so ‖g‖₁ stays accurate for long vectors.
        for (int start = 0; start < g.Length; start += 1024)
            dual += OrderedSums.SumOfMagnitudes(g.Slice(start, Math.Min(1024, g.Length - start)));
        for (int i = 0; i < g.Length; i++) t[i] = MathF.Sign(g[i]);
        return dual;
    }
}
