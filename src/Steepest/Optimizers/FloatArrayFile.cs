using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Steepest.IO;

namespace Steepest.Optimizers;

/// <summary>
/// The container of the parameter and optimizer-state files: an 8-byte magic, a little-endian int32 header length, a
/// JSON header, then float arrays as raw little-endian values. Written atomically; read with every length checked, so
/// a truncated or padded file is an error and never garbage.
/// </summary>
internal static class FloatArrayFile
{
    private const int MaxHeaderBytes = 64 << 20;

    /// <summary>Writes magic, header and arrays to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> magic, byte[] header, IEnumerable<float[]> arrays) =>
        Write(path, magic, header, arrays.Cast<Array>());

    /// <summary>Writes magic, header and arrays (float[] as little-endian floats, byte[] as they are) atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> magic, byte[] header, IEnumerable<Array> arrays)
    {
        byte[] start = new byte[magic.Length + 4];
        magic.CopyTo(start);
        BinaryPrimitives.WriteInt32LittleEndian(start.AsSpan(magic.Length), header.Length);
        AtomicWrite.ToStream(path, stream =>
        {
            stream.Write(start);
            stream.Write(header);
            foreach (var array in arrays) stream.Write(array is byte[] bytes ? bytes : LittleEndianBytes((float[])array));
        });
    }

    /// <summary>Reads arrays of the given lengths, each a byte[] where its Bytes flag says so and a float[] otherwise, and checks that nothing follows them.</summary>
    public static List<Array> ReadArrays(Stream stream, IEnumerable<(int Length, bool Bytes)> layout, string path)
    {
        var arrays = new List<Array>();
        foreach (var (length, isBytes) in layout)
        {
            if (isBytes)
            {
                var values = new byte[length];
                if (stream.ReadAtLeast(values, length, throwOnEndOfStream: false) < length) throw new InvalidDataException($"{path}: truncated data");
                arrays.Add(values);
            }
            else arrays.Add(ReadFloats(stream, length, path));
        }
        if (stream.ReadByte() != -1) throw new InvalidDataException($"{path}: unexpected data after the last array");
        return arrays;
    }

    private static float[] ReadFloats(Stream stream, int length, string path)
    {
        var values = new float[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length) throw new InvalidDataException($"{path}: truncated data");
        if (!BitConverter.IsLittleEndian) ReverseEndianness(values);
        return values;
    }

    /// <summary>Checks the magic and returns the JSON header; <paramref name="kind"/> names the file type in errors.</summary>
    public static byte[] ReadHeader(Stream stream, ReadOnlySpan<byte> magic, string path, string kind)
    {
        Span<byte> start = stackalloc byte[magic.Length + 4];
        if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length || !start[..magic.Length].SequenceEqual(magic))
            throw new InvalidDataException($"{path} is not a Steepest {kind} file");
        int length = BinaryPrimitives.ReadInt32LittleEndian(start[magic.Length..]);
        if (length <= 0 || length > MaxHeaderBytes) throw new InvalidDataException($"{path}: header length {length} is invalid");
        var header = new byte[length];
        if (stream.ReadAtLeast(header, length, throwOnEndOfStream: false) < length) throw new InvalidDataException($"{path}: truncated header");
        return header;
    }

    /// <summary>Reads float arrays of the given lengths and checks that nothing follows them.</summary>
    public static List<float[]> ReadArrays(Stream stream, IEnumerable<int> lengths, string path) =>
        ReadArrays(stream, lengths.Select(length => (length, false)), path).Cast<float[]>().ToList();

    private static ReadOnlySpan<byte> LittleEndianBytes(float[] values)
    {
        if (BitConverter.IsLittleEndian) return MemoryMarshal.AsBytes(values.AsSpan());
        var copy = (float[])values.Clone();
        ReverseEndianness(copy);
        return MemoryMarshal.AsBytes(copy.AsSpan());
    }

    private static void ReverseEndianness(float[] values)
    {
        var words = MemoryMarshal.Cast<float, int>(values.AsSpan());
        BinaryPrimitives.ReverseEndianness(words, words);
    }
}
