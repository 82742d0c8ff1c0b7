namespace Steepest.Models;

/// <summary>Activations and their gradients for one batch size, reused across steps so training does not allocate.</summary>
public sealed class MlpWorkspace
{
    /// <summary>Buffers for batches of up to <paramref name="batch"/> examples of the given layer widths.</summary>
    public MlpWorkspace(int[] widths, int batch)
    {
        Batch = batch;
        PreActivations = widths.Skip(1).Select(w => new float[batch * w]).ToArray();
        Activations = widths.Skip(1).Select(w => new float[batch * w]).ToArray();
        Gradient = widths.Select(w => new float[batch * w]).ToArray();
        Scratch = widths.Select(w => new float[batch * w]).ToArray();
    }

    /// <summary>Largest batch these buffers hold.</summary>
    public int Batch { get; }
    internal float[][] PreActivations { get; }
    internal float[][] Activations { get; }
    internal float[][] Gradient { get; }
    internal float[][] Scratch { get; }
}
