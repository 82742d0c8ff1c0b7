using System.Numerics.Tensors;
using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>
/// The fast dualization of a scaled spectral norm c·σ₁: T = NewtonSchulz(G)/c ≈ U·Vᵀ/c; ⟨G, T⟩ ≈ Σσᵢ/c. The quintic
/// iteration maps singular values into about [0.7, 1.2] rather than exactly to 1, which is why Muon uses it: speed.
/// </summary>
internal sealed class NewtonSchulzDualizer(int rows, int columns, double scale, int steps) : Dualizer(rows * columns)
{
    private readonly NewtonSchulzWorkspace workspace = new(rows, columns);
    private readonly float inverseScale = (float)(1 / scale);
    private float[] copy = [];

    public override string Form => $"newton-schulz({steps} steps)";

    protected override double DualizeCore(ReadOnlySpan<float> g, Span<float> t)
    {
        ReadOnlySpan<float> original = g;
        if (g.Overlaps(t))
        {
            if (copy.Length != g.Length) copy = new float[g.Length];
            BlockCopy.Copy(g, copy);
            original = copy;
        }
        NewtonSchulz.Orthogonalize(original, rows, columns, t, steps, workspace: workspace);
        if (inverseScale != 1) TensorPrimitives.Multiply(t, inverseScale, t);
        double dual = 0;
        for (int start = 0; start < t.Length; start += 1024)
        {
            int length = Math.Min(1024, t.Length - start);
            dual += OrderedSums.Dot(original.Slice(start, length), t.Slice(start, length));
        }
        return dual;
    }
}
