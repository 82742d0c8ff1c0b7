namespace Steepest.Convergence;

/// <summary>How each step's gradient is taken.</summary>
public enum BatchMode
{
    /// <summary>One sample per step (SGD), samples shuffled each epoch with the seed.</summary>
    PerSample,
    /// <summary>The whole dataset every step (gradient descent).</summary>
    FullBatch,
}
