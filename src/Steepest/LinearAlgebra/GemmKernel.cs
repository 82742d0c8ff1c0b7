namespace Steepest.LinearAlgebra;

/// <summary>Which SGEMM micro-kernel to use; Auto picks the widest the CPU supports.</summary>
public enum GemmKernel
{
    /// <summary>Vector512 when AVX-512F is available, else Vector256 with FMA, else scalar.</summary>
    Auto,
    /// <summary>12×32 register tile of Vector512 FMAs (24 accumulators).</summary>
    Vector512,
    /// <summary>6×16 register tile of Vector256 FMAs (12 accumulators, fits the 16 AVX2 registers).</summary>
    Vector256,
    /// <summary>4×4 scalar tile: the portable fallback.</summary>
    Scalar,
}
