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
        FloatArrayFile.Write(path, Magic, json, parameters.Select(p => p.Value));
    }

    /// <summary>Restores values saved by <see cref="Save"/> into parameters of the same names and shapes.</summary>
    /// <exception cref="InvalidDataException">The file is corrupt, truncated, or describes other parameters.</exception>
    public static void Load(IReadOnlyList<Parameter> parameters, string path)
    {
        using var stream = File.OpenRead(path);
        byte[] json = FloatArrayFile.ReadHeader(stream, Magic, path, "parameter");
        List<Entry> header;
        try { header = JsonSerializer.Deserialize(json, ParameterFileContext.Default.ListEntry) ?? []; }
        catch (JsonException e) { throw new InvalidDataException($"{path}: corrupt header ({e.Message})"); }
        if (header.Count != parameters.Count) throw new InvalidDataException($"{path} holds {header.Count} parameters, the model has {parameters.Count}");
        for (int i = 0; i < parameters.Count; i++)
            if (header[i].Name != parameters[i].Name || !header[i].Shape.SequenceEqual(parameters[i].Shape))
                throw new InvalidDataException($"{path}: parameter {i} is {header[i].Name}[{string.Join("×", header[i].Shape)}], the model has {parameters[i].Name}[{string.Join("×", parameters[i].Shape)}]");
        var values = FloatArrayFile.ReadArrays(stream, parameters.Select(p => p.Length), path);
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
