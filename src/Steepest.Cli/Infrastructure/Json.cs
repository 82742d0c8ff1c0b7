using System.Text;
using System.Text.Json;

namespace Steepest.Cli.Infrastructure;

/// <summary>Writes JSON documents with a fixed field order; non-finite numbers become null (JSON has no NaN).</summary>
public static class Json
{
    /// <summary>Builds one JSON document with <paramref name="body"/> and returns it as text.</summary>
    public static string Document(Action<Utf8JsonWriter> body, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a number, or null when it is NaN or infinite; −0 is written as 0 (the sign of a zero is noise here).</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value + 0.0);
        else writer.WriteNull(name);
    }

    /// <summary>Writes a number, or null when it is absent, NaN or infinite.</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double v) writer.Number(name, v);
        else writer.WriteNull(name);
    }

    /// <summary>Writes an array of numbers (non-finite entries as null).</summary>
    public static void Numbers(this Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value + 0.0);
            else writer.WriteNullValue();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes an array of integers.</summary>
    public static void Integers(this Utf8JsonWriter writer, string name, IEnumerable<int> values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }
}
