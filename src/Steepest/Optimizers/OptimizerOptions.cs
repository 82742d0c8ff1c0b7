namespace Steepest.Optimizers;

/// <summary>How an <see cref="Optimizer"/> executes its transform.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Compile recognised chain tails into one-pass SIMD kernels (default). False runs every transform as written.</summary>
    public bool Fuse { get; init; } = true;

    /// <summary>Threads for the fused kernels; 0 means all cores (small models always run on the calling thread).</summary>
    public int Threads { get; init; }
}
