using System.Text;
using System.Text.Json;

namespace Steepest.Cli.Serve;

/// <summary>
/// A training log as the dashboard reads it while <c>train --log</c> may still be writing it: every complete line that
/// is a JSON object becomes a row; anything else is skipped with a note saying which line and why, never an error.
/// </summary>
/// <param name="Rows">The rows, in file order: each field that holds a number (or null).</param>
/// <param name="Notes">One line per skipped line.</param>
public sealed record RunLog(IReadOnlyList<IReadOnlyDictionary<string, double?>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The most of a log the dashboard reads: far beyond one row per epoch or evaluation.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Reads <paramref name="path"/> without blocking its writer.</summary>
    public static RunLog Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var notes = new List<string>();
        long length = Math.Min(stream.Length, MaxBytes);
        if (stream.Length > MaxBytes) notes.Add($"only the first {MaxBytes >> 20} MiB of the log are shown");
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Parse(bytes, notes);
    }

    /// <summary>Parses the bytes of a log; a last line without its newline is still being written and waits for the next read.</summary>
    public static RunLog Parse(ReadOnlySpan<byte> bytes, List<string>? notes = null)
    {
        notes ??= [];
        var rows = new List<IReadOnlyDictionary<string, double?>>();
        int line = 0;
        while (bytes.Length > 0)
        {
            line++;
            int end = bytes.IndexOf((byte)'\n');
            if (end < 0)
            {
                notes.Add($"line {line} is incomplete (still being written?): not shown yet");
                break;
            }
            var text = bytes[..end];
            bytes = bytes[(end + 1)..];
            if (text.Trim(" \r\t"u8).IsEmpty) continue;
            if (Row(text, out var row, out string? why)) rows.Add(row!);
            else notes.Add($"line {line} skipped: {why}");
        }
        return new RunLog(rows, notes);
    }

    private static bool Row(ReadOnlySpan<byte> text, out Dictionary<string, double?>? row, out string? why)
    {
        row = null;
        why = null;
        try
        {
            using var document = JsonDocument.Parse(text.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                why = $"a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return false;
            }
            row = [];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out double value) && double.IsFinite(value)) row[property.Name] = value;
                else if (property.Value.ValueKind == JsonValueKind.Null) row[property.Name] = null;
            }
            return true;
        }
        catch (JsonException e)
        {
            why = $"not JSON ({e.Message.Split('.')[0]})";
            return false;
        }
        catch (DecoderFallbackException)
        {
            why = "not UTF-8 text";
            return false;
        }
    }
}
