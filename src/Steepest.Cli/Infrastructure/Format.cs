using System.Globalization;

namespace Steepest.Cli.Infrastructure;

/// <summary>Number formatting for human-readable output (JSON keeps full precision).</summary>
public static class Format
{
    /// <summary>Up to 10 significant digits, invariant culture, no "-0".</summary>
    public static string Number(double value) => (value == 0 ? 0 : value).ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="digits"/> significant digits with their trailing zeros (0.900900, 0.0990001, 33.3333), so a
    /// zero that carries meaning is printed; exponent form outside [1e-4, 1e6).
    /// </summary>
    public static string Significant(double value, int digits)
    {
        double v = value + 0.0;
        if (v == 0 || !double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(v);
        if (magnitude < 1e-4 || magnitude >= 1e6) return v.ToString("G" + digits, CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(magnitude)), 0, 15);
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>[a, b, …] with <see cref="Number"/> for each value.</summary>
    public static string Vector(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Number)) + "]";

    /// <summary>A vector for one row, or rows separated by "; " for a matrix.</summary>
    public static string Matrix(IReadOnlyList<double> values, int rows, int columns) =>
        rows == 1 ? Vector(values) : "[" + string.Join("; ", Enumerable.Range(0, rows).Select(r => string.Join(", ", values.Skip(r * columns).Take(columns).Select(Number)))) + "]";
}
