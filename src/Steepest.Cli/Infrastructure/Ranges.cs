using Spectre.Console;

namespace Steepest.Cli.Infrastructure;

/// <summary>
/// The range checks of the Settings classes' <c>Validate()</c>: each check gives its one-line refusal or null, and
/// <see cref="First"/> turns the first refusal into Spectre's validation error, which the host prints and exits 2 on.
/// </summary>
internal static class Ranges
{
    /// <summary>"OPTION must be between MIN and MAX, got VALUE" when value ∉ [min, max]; null inside.</summary>
    public static string? Outside(long value, long min, long max, string option) =>
        value < min || value > max ? $"{option} must be between {min} and {max}, got {value}" : null;

    /// <summary>The same for an option that may be left out: null when it is.</summary>
    public static string? Outside(long? value, long min, long max, string option) =>
        value is long given ? Outside(given, min, max, option) : null;

    /// <summary>"OPTION must be between 0 and MAX seconds" unless 0 &lt; value ≤ max (NaN is outside).</summary>
    public static string? Seconds(double value, double max, string option) =>
        value > 0 && value <= max ? null : $"{option} must be between 0 and {max} seconds, got {value}";

    /// <summary>Success, or the first refusal.</summary>
    public static ValidationResult First(params string?[] refusals) =>
        refusals.FirstOrDefault(r => r is not null) is { } refusal ? ValidationResult.Error(refusal) : ValidationResult.Success();
}
