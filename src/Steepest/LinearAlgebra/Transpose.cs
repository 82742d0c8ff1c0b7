namespace Steepest.LinearAlgebra;

/// <summary>op(X) in GEMM: X itself or Xᵀ.</summary>
public enum Transpose
{
    /// <summary>op(X) = X.</summary>
    None,
    /// <summary>op(X) = Xᵀ.</summary>
    Transposed,
}
