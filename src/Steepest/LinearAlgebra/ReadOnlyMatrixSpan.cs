namespace Steepest.LinearAlgebra;

/// <summary>A read-only row-major matrix view: element (i, j) is at Data[i·Stride + j].</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly ref struct ReadOnlyMatrixSpan<T>
{
    /// <summary>Views <paramref name="data"/> as rows×columns with row stride <paramref name="stride"/> (≥ columns).</summary>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns, int stride)
    {
        MatrixShape.Validate(data.Length, rows, columns, stride);
        Data = data;
        Rows = rows;
        Columns = columns;
        Stride = stride;
    }

    /// <summary>Views <paramref name="data"/> as a dense rows×columns matrix (stride = columns).</summary>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns) : this(data, rows, columns, columns) { }

    /// <summary>The underlying storage, starting at element (0, 0).</summary>
    public ReadOnlySpan<T> Data { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Distance between the starts of consecutive rows (the leading dimension).</summary>
    public int Stride { get; }

    /// <summary>Element (i, j).</summary>
    public T this[int i, int j] => Data[MatrixShape.Offset(i, j, Rows, Columns, Stride)];

    /// <summary>Row i as a span of Columns elements.</summary>
    public ReadOnlySpan<T> Row(int i) => Data.Slice(MatrixShape.Offset(i, 0, Rows, Columns, Stride), Columns);

    /// <summary>The submatrix of <paramref name="rows"/>×<paramref name="columns"/> starting at (row, column).</summary>
    public ReadOnlyMatrixSpan<T> Slice(int row, int column, int rows, int columns)
    {
        MatrixShape.ValidateSlice(row, column, rows, columns, Rows, Columns);
        int start = row * Stride + column;
        int length = rows == 0 ? 0 : (rows - 1) * Stride + columns;
        return new ReadOnlyMatrixSpan<T>(Data.Slice(start, length), rows, columns, Stride);
    }
}
