using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>The <see cref="RowRmsNorm"/> dualization (exact): Tᵢ = √n·Gᵢ/‖Gᵢ‖₂; ⟨G, T⟩ = √n·Σᵢ ‖Gᵢ‖₂.</summary>
internal sealed class RowRmsDualizer(int rows, int columns) : Dualizer(rows * columns)
{
    private readonly float rootColumns = MathF.Sqrt(columns);

    public override string Form => "row normalisation";

    protected override double DualizeCore(ReadOnlySpan<float> g, Span<float> t)
    {
        double dual = 0;
        for (int i = 0; i < rows; i++)
        {
            var row = g.Slice(i * columns, columns);
            var target = t.Slice(i * columns, columns);
            double squares = 0;
            foreach (float value in row) squares += (double)value * value;
            double length = Math.Sqrt(squares);
            dual += length;
            if (length == 0) { target.Clear(); continue; }
            TensorPrimitives.Multiply(row, (float)(rootColumns / length), target);
        }
        return rootColumns * dual;
    }
}
