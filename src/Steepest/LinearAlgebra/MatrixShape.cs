namespace Steepest.LinearAlgebra;

/// <summary>Shape checks shared by the matrix views.</summary>
internal static class MatrixShape
{
    public static void Validate(int length, int rows, int columns, int stride)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"matrix shape must be non-negative, got {rows}×{columns}");
        if (stride < columns) throw new ArgumentException($"row stride {stride} is smaller than the {columns} columns");
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * stride + columns;
        if (length < needed) throw new ArgumentException($"a {rows}×{columns} matrix with stride {stride} needs {needed} elements, the span has {length}");
    }

    public static int Offset(int i, int j, int rows, int columns, int stride)
    {
        if ((uint)i >= (uint)rows || (uint)j >= (uint)columns) throw new IndexOutOfRangeException($"({i}, {j}) is outside a {rows}×{columns} matrix");
        return i * stride + j;
    }

    public static void ValidateSlice(int row, int column, int rows, int columns, int totalRows, int totalColumns)
    {
        if (row < 0 || column < 0 || rows < 0 || columns < 0 || row + rows > totalRows || column + columns > totalColumns)
            throw new ArgumentOutOfRangeException(nameof(row), $"slice ({row}, {column}) of {rows}×{columns} does not fit in {totalRows}×{totalColumns}");
    }
}
