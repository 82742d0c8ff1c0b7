using System.Globalization;

namespace Steepest.Cli.Infrastructure;

/// <summary>Number formatting for human-readable output (JSON keeps full precision).</summary>
public static class Format
{
    /// <summary>Up to 10 significant digits, invariant culture, no "-0".</summary>
    public static string Number(double value) => (value == 0 ? 0 : value).ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>[a, b, c].</summary>
    public static string Vector(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Number)) + "]";

    /// <summary>A vector for one row, or rows separated by "; " for a matrix.</summary>
    public static string Matrix(IReadOnlyList<double> values, int rows, int columns) =>
        rows == 1 ? Vector(values) : "[" + string.Join("; ", Enumerable.Range(0, rows).Select(r => string.Join(", ", values.Skip(r * columns).Take(columns).Select(Number)))) + "]";
}
