using System.Text.Json;

namespace Steepest.Optimizers;

/// <summary>
/// Saves and loads an optimizer's complete state: the magic "STPOPT01", a little-endian int32 header length, a JSON
/// header (format, transform, steps, epoch, every counter, and each buffer's path, type and length in order), then the
/// buffers as raw little-endian floats or, for quantized and bf16 moments, raw bytes. Format 2 added the byte buffers
/// (type "u8"); a format-1 file has floats only and reads as before. Loading checks the header against the optimizer's own state layout, so a file from another
/// recipe or model is rejected with a message instead of read as garbage.
/// </summary>
public static class OptimizerStateFile
{
    private static readonly byte[] Magic = "STPOPT01"u8.ToArray();

    /// <summary>2: buffers carry a type, and byte buffers exist.</summary>
    private const int CurrentFormat = 2;

    /// <summary>Writes the state to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(Optimizer optimizer, string path)
    {
        var collector = new Collector();
        optimizer.State.Visit(collector, "state");
        var header = new Header
        {
            Transform = optimizer.Transform.Name,
            Steps = optimizer.Steps,
            Epoch = optimizer.Epoch,
            Counters = collector.Counters,
            Buffers = collector.Buffers.Select(b => new BufferEntry { Name = b.Name, Length = b.Values.Length, Type = b.Values is byte[] ? "u8" : "f32" }).ToList(),
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, HeaderContext.Default.Header);
        FloatArrayFile.Write(path, Magic, json, collector.Buffers.Select(b => b.Values));
    }

    /// <summary>Restores the state saved by <see cref="Save"/> into an optimizer built from the same recipe and parameters.</summary>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, or belongs to a different optimizer layout.</exception>
    public static void Load(Optimizer optimizer, string path)
    {
        using var stream = File.OpenRead(path);
        byte[] json = FloatArrayFile.ReadHeader(stream, Magic, path, "optimizer state");
        Header header;
        try { header = JsonSerializer.Deserialize(json, HeaderContext.Default.Header) ?? throw new InvalidDataException("empty header"); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: corrupt header ({e.Message})"); }

        var expected = new Collector();
        optimizer.State.Visit(expected, "state");
        if (header.Format is < 1 or > CurrentFormat) throw new InvalidDataException($"{path}: format {header.Format} is not one this version reads (1 to {CurrentFormat})");
        if (header.Transform != optimizer.Transform.Name)
            throw new InvalidDataException($"{path} holds the state of '{header.Transform}', not of '{optimizer.Transform.Name}'");
        if (header.Buffers.Count != expected.Buffers.Count)
            throw new InvalidDataException($"{path} has {header.Buffers.Count} buffers, the optimizer has {expected.Buffers.Count}");
        for (int i = 0; i < expected.Buffers.Count; i++)
        {
            var (name, values) = expected.Buffers[i];
            string type = values is byte[] ? "u8" : "f32";
            if (header.Buffers[i].Name != name || header.Buffers[i].Length != values.Length || header.Buffers[i].Type != type)
                throw new InvalidDataException($"{path}: buffer {i} is {header.Buffers[i].Name}[{header.Buffers[i].Length}] ({header.Buffers[i].Type}), expected {name}[{values.Length}] ({type})");
        }
        // Read everything before touching the optimizer, so a truncated file leaves it unchanged.
        var loaded = FloatArrayFile.ReadArrays(stream, expected.Buffers.Select(b => (b.Values.Length, b.Values is byte[])), path);
        foreach (string counter in expected.Counters.Keys)
            if (!header.Counters.ContainsKey(counter)) throw new InvalidDataException($"{path}: counter {counter} is missing");

        for (int i = 0; i < loaded.Count; i++) Array.Copy(loaded[i], expected.Buffers[i].Values, loaded[i].Length);
        optimizer.State.Visit(new CounterWriter(header.Counters), "state");
        optimizer.Steps = header.Steps;
        optimizer.Epoch = header.Epoch;
    }

    private sealed class Collector : IStateVisitor
    {
        public List<(string Name, Array Values)> Buffers { get; } = [];
        public Dictionary<string, long> Counters { get; } = [];
        public void Buffer(string name, float[] values) => Buffers.Add((name, values));
        public void Bytes(string name, byte[] values) => Buffers.Add((name, values));
        public void Counter(string name, ref long value) => Counters[name] = value;
    }

    private sealed class CounterWriter(Dictionary<string, long> counters) : IStateVisitor
    {
        public void Buffer(string name, float[] values) { }
        public void Bytes(string name, byte[] values) { }
        public void Counter(string name, ref long value) => value = counters[name];
    }

    internal sealed class Header
    {
        public int Format { get; set; } = CurrentFormat;
        public string Transform { get; set; } = "";
        public long Steps { get; set; }
        public int Epoch { get; set; }
        public Dictionary<string, long> Counters { get; set; } = [];
        public List<BufferEntry> Buffers { get; set; } = [];
    }

    internal sealed class BufferEntry
    {
        public string Name { get; set; } = "";
        public int Length { get; set; }

        /// <summary>"f32" (4 bytes a value) or "u8"; absent in format 1, which had floats only.</summary>
        public string Type { get; set; } = "f32";
    }
}
