namespace Steepest.Models;

/// <summary>Hidden-layer nonlinearity.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>x·Φ(x), the exact (erf-based) GELU.</summary>
    Gelu,
}
