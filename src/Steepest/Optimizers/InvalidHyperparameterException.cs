using System.Globalization;

namespace Steepest.Optimizers;

/// <summary>
/// A hyperparameter outside its range, named as the constructor names it: "beta1 must be in [0, 1), got 5". One line,
/// without the "(Parameter …)" suffix of <see cref="ArgumentOutOfRangeException"/>, so the CLI can print it as is.
/// </summary>
/// <param name="parameter">The constructor parameter, e.g. "beta1".</param>
/// <param name="value">The value given.</param>
/// <param name="range">What the value must be, e.g. "in [0, 1)".</param>
public sealed class InvalidHyperparameterException(string parameter, double value, string range)
    : ArgumentOutOfRangeException(parameter, value, null)
{
    /// <summary>What the value must be, e.g. "in [0, 1)".</summary>
    public string Range { get; } = range;

    /// <summary>The value given.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public override string Message => $"{ParamName} must be {Range}, got {Value.ToString("G", CultureInfo.InvariantCulture)}";
}
