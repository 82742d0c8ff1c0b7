using System.Security.Cryptography;
using System.Text.Json;

namespace Steepest.Training;

/// <summary>
/// manifest.json of a checkpoint generation: each part's length and SHA-256, written last, after the parts are on
/// disk. A generation whose manifest is missing, or whose parts do not match it, was torn and is never loaded.
/// </summary>
internal static class CheckpointManifest
{
    public const string File = "manifest.json";

    /// <summary>Flushes every part to disk, then writes the manifest and flushes it too.</summary>
    public static void Write(string folder, IReadOnlyList<string> parts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", 1);
            w.WriteStartObject("files");
            foreach (string part in parts)
            {
                string path = Path.Combine(folder, part);
                Flush(path);
                w.WriteStartObject(part);
                w.WriteNumber("bytes", new FileInfo(path).Length);
                w.WriteString("sha256", Hash(path));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        string manifest = Path.Combine(folder, File);
        System.IO.File.WriteAllBytes(manifest, buffer.ToArray());
        Flush(manifest);
    }

    /// <summary>Null when every part of <paramref name="parts"/> matches the manifest; otherwise what is wrong, naming the file.</summary>
    public static string? Problem(string folder, IReadOnlyList<string> parts)
    {
        string manifest = Path.Combine(folder, File);
        if (!System.IO.File.Exists(manifest)) return $"{File} is missing (the save did not finish)";
        Dictionary<string, (long Bytes, string Sha256)> files;
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(manifest));
            files = doc.RootElement.GetProperty("files").EnumerateObject()
                .ToDictionary(f => f.Name, f => (f.Value.GetProperty("bytes").GetInt64(), f.Value.GetProperty("sha256").GetString() ?? ""));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"{File} is corrupt";
        }
        foreach (string part in parts)
        {
            string path = Path.Combine(folder, part);
            if (!files.TryGetValue(part, out var expected)) return $"{File} does not list {part}";
            if (!System.IO.File.Exists(path)) return $"{part} is missing";
            if (new FileInfo(path).Length != expected.Bytes) return $"{part} has {new FileInfo(path).Length} bytes, {File} says {expected.Bytes}";
            if (Hash(path) != expected.Sha256) return $"{part} does not match its SHA-256 in {File}";
        }
        return null;
    }

    private static string Hash(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>fsync: the rename that publishes the generation must not reach the disk before its contents.</summary>
    private static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }
}
