namespace Steepest.LinearAlgebra;

/// <summary>Execution options for <see cref="Gemm"/>.</summary>
public sealed record GemmOptions
{
    /// <summary>Default options: automatic kernel, all cores for large products.</summary>
    public static GemmOptions Default { get; } = new();

    /// <summary>Maximum threads; 0 means Environment.ProcessorCount. Small products always run on the calling thread.</summary>
    public int Threads { get; init; }

    /// <summary>The micro-kernel (tests force each one to cover every code path on any machine).</summary>
    public GemmKernel Kernel { get; init; } = GemmKernel.Auto;
}
