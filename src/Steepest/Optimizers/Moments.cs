namespace Steepest.Optimizers;

/// <summary>
/// The moving averages and bias corrections the transforms share, written once in the order every transform and its
/// fused kernel evaluate them (fp32, no fused multiply-add), so sharing them changes no bit.
/// </summary>
public static class Moments
{
    /// <summary>β·m + (1 − β)·g: the exponential moving average of g.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Ema(float m, float g, float beta) => beta * m + (1 - beta) * g;

    /// <summary>β·v + (1 − β)·g·g: the exponential moving average of g².</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float EmaOfSquare(float v, float g, float beta) => beta * v + (1 - beta) * g * g;

    /// <summary>1 − βᵗ: the bias of an EMA started at zero after t steps.</summary>
    public static double Bias(double beta, long t) => 1 - Math.Pow(beta, t);

    /// <summary>The inverse bias corrections 1/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ), rounded to float once per step.</summary>
    public static (float Inverse1, float InverseSqrt2) InverseCorrections(double beta1, double beta2, long t) =>
        ((float)(1 / Bias(beta1, t)), (float)(1 / Math.Sqrt(Bias(beta2, t))));
}
