namespace Steepest.LinearAlgebra;

/// <summary>Scratch buffers for <see cref="NewtonSchulz"/> on one shape, reused across steps so an optimizer step does not allocate.</summary>
public sealed class NewtonSchulzWorkspace
{
    /// <summary>Allocates buffers for a rows×columns matrix.</summary>
    public NewtonSchulzWorkspace(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        int r = Math.Min(rows, columns), k = Math.Max(rows, columns);
        X = new float[r * k];
        Y = new float[r * k];
        Gram = new float[r * r];
        Polynomial = new float[r * r];
    }

    /// <summary>Rows of the matrices this workspace serves.</summary>
    public int Rows { get; }
    /// <summary>Columns of the matrices this workspace serves.</summary>
    public int Columns { get; }
    internal float[] X { get; }
    internal float[] Y { get; }
    internal float[] Gram { get; }
    internal float[] Polynomial { get; }
}
