namespace Steepest.Optimizers;

/// <summary>
/// The ranges every transform, recipe and schedule checks its arguments against where they enter, as torch.optim does:
/// each returns the value, so a constructor can check in its property initializer.
/// </summary>
public static class Hyperparameter
{
    /// <summary>A learning rate, an ε, a clipping norm, a time constant: finite and &gt; 0.</summary>
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new InvalidHyperparameterException(name, value, "finite and > 0");

    /// <summary>An exponential decay β (momentum, β₁, β₂, RMSProp's α): 0 ≤ β &lt; 1.</summary>
    public static double Decay(double value, string name) =>
        value >= 0 && value < 1 ? value : throw new InvalidHyperparameterException(name, value, "in [0, 1)");

    /// <summary>A weight decay, an initial accumulator, a floor: finite and ≥ 0.</summary>
    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new InvalidHyperparameterException(name, value, "finite and ≥ 0");

    /// <summary>A factor that may take any sign: finite.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new InvalidHyperparameterException(name, value, "finite");

    /// <summary>A count of iterations: ≥ 0.</summary>
    public static int Steps(int value, string name) =>
        value >= 0 ? value : throw new InvalidHyperparameterException(name, value, "≥ 0");

    /// <summary>A schedule's horizon or interval in steps: ≥ 1.</summary>
    public static long Horizon(long value, string name) =>
        value >= 1 ? value : throw new InvalidHyperparameterException(name, value, "≥ 1");
}
