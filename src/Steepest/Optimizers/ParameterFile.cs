using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steepest.Optimizers;

/// <summary>
/// Saves and loads parameter values: the magic "STPPAR01", a little-endian int32 header length, a JSON header (each
/// parameter's name and shape), then the values as raw little-endian floats. Loading checks names and shapes and reads
/// everything before changing anything.
/// </summary>
public static class ParameterFile
{
    private static readonly byte[] Magic = "STPPAR01"u8.ToArray();

    /// <summary>Writes the values of <paramref name="parameters"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(IReadOnlyList<Parameter> parameters, string path)
    {
        var header = parameters.Select(p => new Entry { Name = p.Name, Shape = p.Shape.ToArray() }).ToList();
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, ParameterFileContext.Default.ListEntry);
        string temporary = path + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                stream.Write(Magic);
                Span<byte> length = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
                stream.Write(length);
                stream.Write(json);
                foreach (var p in parameters)
                {
                    if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("parameter files are little-endian");
                    stream.Write(MemoryMarshal.AsBytes(p.Value.AsSpan()));
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Restores values saved by <see cref="Save"/> into parameters of the same names and shapes.</summary>
    /// <exception cref="InvalidDataException">The file is corrupt, truncated, or describes other parameters.</exception>
    public static void Load(IReadOnlyList<Parameter> parameters, string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[12];
        if (stream.ReadAtLeast(start, 12, throwOnEndOfStream: false) < 12 || !start[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a Steepest parameter file");
        int length = BinaryPrimitives.ReadInt32LittleEndian(start[8..]);
        if (length <= 0 || length > 64 << 20) throw new InvalidDataException($"{path}: header length {length} is invalid");
        var json = new byte[length];
        if (stream.ReadAtLeast(json, length, throwOnEndOfStream: false) < length) throw new InvalidDataException($"{path}: truncated header");
        List<Entry> header;
        try { header = JsonSerializer.Deserialize(json, ParameterFileContext.Default.ListEntry) ?? []; }
        catch (JsonException e) { throw new InvalidDataException($"{path}: corrupt header ({e.Message})"); }
        if (header.Count != parameters.Count) throw new InvalidDataException($"{path} holds {header.Count} parameters, the model has {parameters.Count}");
        for (int i = 0; i < parameters.Count; i++)
            if (header[i].Name != parameters[i].Name || !header[i].Shape.SequenceEqual(parameters[i].Shape))
                throw new InvalidDataException($"{path}: parameter {i} is {header[i].Name}[{string.Join("×", header[i].Shape)}], the model has {parameters[i].Name}[{string.Join("×", parameters[i].Shape)}]");
        var values = new List<float[]>();
        foreach (var p in parameters)
        {
            var data = new float[p.Length];
            var bytes = MemoryMarshal.AsBytes(data.AsSpan());
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length) throw new InvalidDataException($"{path}: truncated values");
            values.Add(data);
        }
        if (stream.ReadByte() != -1) throw new InvalidDataException($"{path}: unexpected data after the last parameter");
        for (int i = 0; i < parameters.Count; i++) values[i].CopyTo(parameters[i].Value, 0);
    }

    internal sealed class Entry
    {
        public string Name { get; set; } = "";
        public int[] Shape { get; set; } = [];
    }
}

/// <summary>Source-generated JSON metadata for the parameter file header.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ParameterFile.Entry>))]
internal sealed partial class ParameterFileContext : JsonSerializerContext;
