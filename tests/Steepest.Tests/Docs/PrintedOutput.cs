using System.Text.RegularExpressions;

namespace Steepest.Tests.Docs;

/// <summary>
/// Output put in a form in which the docs and a fresh run compare: table borders dropped (they only encode widths),
/// rows that wrapped joined cell by cell, and the figures that are measurements of this machine's speed masked as #.
/// Everything else, every count, limit, objective and message, must match to the character.
/// </summary>
internal static class PrintedOutput
{
    /// <summary>Table columns that hold a timing or a speed, which no two runs share.</summary>
    private static readonly HashSet<string> MeasuredColumns =
    [
        "measured s", "model s", "time (µs)", "algbw (GB/s)", "busbw (GB/s)", "Steepest GFLOP/s", "OpenBLAS GFLOP/s",
        "ratio", "model/measured", "model (µs)", "model busbw (GB/s)", "empty µs", "4 MiB µs", "slowdown", "fit", "β ns/byte", "λ ns/byte", "γ ns/addition", "ms/step", "GB/s", "reference GB/s", "triad GB/s",
    ];

    private static readonly Regex Number = new(@"[-+]?\d[\d,]*(\.\d+)?([eE][-+]?\d+)?");

    /// <summary>Lines, or their tails, that report this machine's calibration or libraries.</summary>
    private static readonly (Regex Pattern, Func<Match, string> Mask)[] MeasuredText =
    [
        // The α–β model's fitted parameters come from a ping-pong timed in the same run.
        (new Regex("^model: α = .*$"), m => Number.Replace(m.Value, "#")),
        // Which BLAS build (or none) the machine has.
        (new Regex("reference: (OpenBLAS .*|none .*)$"), _ => "reference: #"),
        // The solver's residual is rounding noise of its last iteration, not a figure of the answer.
        (new Regex(@"residual \S+"), _ => "residual #"),
    ];

    /// <summary>The comparable lines of <paramref name="text"/>.</summary>
    public static List<string> Normalize(IEnumerable<string> text)
    {
        var lines = new List<string>();
        string[]? header = null;
        List<string>? row = null;
        bool headerRow = false;
        void Flush()
        {
            if (row is null) return;
            if (headerRow) header = row.ToArray();
            var cells = row.Select((cell, c) => !headerRow && header is not null && c < header.Length && MeasuredColumns.Contains(header[c]) ? "#" : cell);
            lines.Add("│ " + string.Join(" │ ", cells) + " │");
            row = null;
        }
        foreach (string raw in text)
        {
            string line = raw.TrimEnd();
            string trimmed = line.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] is '┌' or '├' or '└' or '╭' or '╰')
            {
                Flush();
                headerRow = trimmed[0] is '┌' or '╭';
                if (headerRow) header = null;
                continue;
            }
            if (trimmed.StartsWith('│'))
            {
                var cells = trimmed.Trim('│').Split('│').Select(c => c.Trim()).ToList();
                if (row is not null && cells.Count == row.Count && cells[0].Length == 0 && !headerRow)
                {
                    for (int c = 0; c < cells.Count; c++)
                        if (cells[c].Length > 0) row[c] = row[c].Length == 0 ? cells[c] : $"{row[c]} {cells[c]}";
                    continue;
                }
                if (row is not null && headerRow && cells.Count == row.Count)
                {
                    // A header that wrapped: its second line continues the same cells.
                    for (int c = 0; c < cells.Count; c++)
                        if (cells[c].Length > 0) row[c] = $"{row[c]} {cells[c]}";
                    continue;
                }
                Flush();
                row = cells;
                continue;
            }
            Flush();
            headerRow = false;
            foreach (var (pattern, mask) in MeasuredText) line = pattern.Replace(line, m => mask(m));
            lines.Add(line);
        }
        Flush();
        return lines;
    }

    /// <summary>
    /// Null when <paramref name="actual"/> matches <paramref name="expected"/> line for line, where a line "..." in the
    /// docs stands for any number of printed lines; otherwise what differs first.
    /// </summary>
    public static string? Mismatch(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        int j = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i].Trim() is "..." or "…")
            {
                if (i + 1 == expected.Count) return null;
                while (j < actual.Count && actual[j] != expected[i + 1]) j++;
                if (j == actual.Count) return $"the docs' line '{expected[i + 1]}' is not printed";
                continue;
            }
            if (j >= actual.Count) return $"the docs show '{expected[i]}', but the output ended";
            if (actual[j] != expected[i]) return $"the docs show\n  '{expected[i]}'\nbut the command prints\n  '{actual[j]}'";
            j++;
        }
        return j < actual.Count ? $"the command prints more than the docs show, from '{actual[j]}'" : null;
    }
}
