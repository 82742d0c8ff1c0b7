using System.Globalization;

namespace Steepest.Cli.Infrastructure;

/// <summary>Parses the numbers users type: comma lists, matrices with rows separated by ';', and checked scalars.</summary>
public static class NumberParsing
{
    /// <summary>A finite number, or a <see cref="UsageException"/> naming the option.</summary>
    public static double Number(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException($"{option} is required");
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new UsageException($"{option}: '{text.Trim()}' is not a number");
        if (!double.IsFinite(value)) throw new UsageException($"{option}: '{text.Trim()}' is not a finite number");
        return value;
    }

    /// <summary>A finite number &gt; 0.</summary>
    public static double Positive(string? text, string option)
    {
        double value = Number(text, option);
        if (!(value > 0)) throw new UsageException($"{option} must be > 0, got {text!.Trim()}");
        return value;
    }

    /// <summary>A comma-separated list of finite numbers, e.g. "3,-1,0.5".</summary>
    public static double[] List(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException($"{option} is required: a comma-separated list of numbers");
        if (text.Contains(';')) throw new UsageException($"{option} takes one list; ';' separates matrix rows and is not allowed here");
        return ParseRow(text, option, 0, single: true);
    }

    /// <summary>A matrix: rows separated by ';', values by ','; every row must have the same length.</summary>
    public static Matrix Matrix(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException($"{option} is required: values separated by ',', matrix rows by ';'");
        // A trailing ';' is an empty last row, rejected like the empty value of a trailing ','.
        string[] rows = text.Trim().Split(';');
        var parsed = new double[rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            parsed[r] = ParseRow(rows[r], option, r, single: rows.Length == 1);
            if (parsed[r].Length != parsed[0].Length)
                throw new UsageException($"{option}: ragged matrix, row {r + 1} has {parsed[r].Length} values but row 1 has {parsed[0].Length}");
        }
        return new Matrix(parsed.SelectMany(row => row).ToArray(), rows.Length, parsed[0].Length);
    }

    private static double[] ParseRow(string row, string option, int index, bool single)
    {
        string where = single ? "" : $" (row {index + 1})";
        if (string.IsNullOrWhiteSpace(row)) throw new UsageException($"{option}: empty row{where}");
        string[] items = row.Split(',');
        var values = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i].Trim();
            if (item.Length == 0) throw new UsageException($"{option}: missing value {i + 1}{where}");
            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new UsageException($"{option}: '{item}' is not a number (value {i + 1}{where})");
            if (!double.IsFinite(values[i]))
                throw new UsageException($"{option}: '{item}' is not a finite number (value {i + 1}{where})");
        }
        return values;
    }
}
