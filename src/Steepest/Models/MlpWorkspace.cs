namespace Steepest.Models;

/// <summary>The batch size an <see cref="Mlp"/> call may use, and its label buffer; the activations live in the network, allocated once.</summary>
public sealed class MlpWorkspace
{
    /// <summary>Room for batches of up to <paramref name="batch"/> examples (the widths are the model's, kept for the original signature).</summary>
    public MlpWorkspace(int[] widths, int batch)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be ≥ 1");
        Batch = batch;
        Labels = new int[batch];
    }

    /// <summary>Largest batch.</summary>
    public int Batch { get; }

    internal int[] Labels { get; }
}
