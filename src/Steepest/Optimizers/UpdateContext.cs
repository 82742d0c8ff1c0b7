namespace Steepest.Optimizers;

/// <summary>What a transform sees in one step: the parameters, their update buffers (gradients on entry), and the epoch.</summary>
public sealed class UpdateContext
{
    /// <summary>Creates a context for the given parameters and parallel update buffers.</summary>
    public UpdateContext(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> updates)
    {
        if (parameters.Count != updates.Count) throw new ArgumentException("one update buffer per parameter");
        Parameters = parameters;
        Updates = updates;
    }

    /// <summary>The parameters being optimized (their values are read by weight decay and the like).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Update buffers, one per parameter: the gradient on entry, the step to add to the parameter on exit.</summary>
    public IReadOnlyList<float[]> Updates { get; }

    /// <summary>The current epoch (set by the trainer; transforms that work per epoch compare it with their last one).</summary>
    public int Epoch { get; set; }
}
