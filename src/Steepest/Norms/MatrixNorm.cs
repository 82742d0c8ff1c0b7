namespace Steepest.Norms;

/// <summary>A norm on row-major matrices of a fixed shape (rows = fan-out, columns = fan-in, as in a Linear layer's weight).</summary>
public abstract class MatrixNorm : Norm
{
    /// <summary>Binds the norm to a rows×columns shape.</summary>
    protected MatrixNorm(int rows, int columns)
    {
        if (rows < 1 || columns < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), $"matrix shape must be positive, got {rows}×{columns}");
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows (fan-out).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (fan-in).</summary>
    public int Columns { get; }

    /// <inheritdoc/>
    public override int? Length => Rows * Columns;
}
