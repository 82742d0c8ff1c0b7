using System.Buffers.Binary;
using System.IO.Compression;
using Steepest.IO;

namespace Steepest.Data;

/// <summary>
/// The IDX format of MNIST: two zero bytes, a type code, the number of dimensions, each dimension as a big-endian
/// int32, then the values big-endian. Files may be gzip-compressed (detected by content, not by name). A wrong magic,
/// an unknown type, a dimension ≤ 0, a truncated body or trailing bytes are errors with a message, never garbage.
/// </summary>
public static class IdxFile
{
    /// <summary>Reads <paramref name="path"/> (raw or .gz).</summary>
    /// <exception cref="InvalidDataException">The file is not valid IDX.</exception>
    public static IdxArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) bytes = Gunzip(bytes);
        }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message})"); }
        catch (EndOfStreamException) { throw new InvalidDataException($"{path}: truncated gzip data"); }
        return Parse(bytes, path);
    }

    /// <summary>Parses IDX bytes; <paramref name="name"/> is used in error messages.</summary>
    public static IdxArray Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 4) throw new InvalidDataException($"{name}: too short to be an IDX file ({bytes.Length} bytes)");
        if (bytes[0] != 0 || bytes[1] != 0) throw new InvalidDataException($"{name}: bad IDX magic number (first bytes {bytes[0]:x2} {bytes[1]:x2}, expected 00 00)");
        byte type = bytes[2];
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        if (size == 0) throw new InvalidDataException($"{name}: unknown IDX element type 0x{type:x2}");
        int rank = bytes[3];
        if (rank < 1) throw new InvalidDataException($"{name}: IDX file with no dimensions");
        int header = 4 + 4 * rank;
        if (bytes.Length < header) throw new InvalidDataException($"{name}: truncated IDX header");
        var dimensions = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimensions[d] <= 0) throw new InvalidDataException($"{name}: dimension {d + 1} is {dimensions[d]}");
            count *= dimensions[d];
            if (count > Array.MaxLength) throw new InvalidDataException($"{name}: {count} values is more than an array can hold");
        }
        long expected = header + count * size;
        if (bytes.Length < expected)
            throw new InvalidDataException($"{name}: truncated: {string.Join("×", dimensions)} values need {expected} bytes, the file has {bytes.Length}");
        if (bytes.Length > expected)
            throw new InvalidDataException($"{name}: {bytes.Length - expected} unexpected bytes after the {string.Join("×", dimensions)} values");
        var values = new float[count];
        var body = bytes.AsSpan(header);
        for (long i = 0; i < count; i++)
        {
            int at = (int)(i * size);
            values[i] = type switch
            {
                0x08 => body[at],
                0x09 => (sbyte)body[at],
                0x0B => BinaryPrimitives.ReadInt16BigEndian(body[at..]),
                0x0C => BinaryPrimitives.ReadInt32BigEndian(body[at..]),
                0x0D => BinaryPrimitives.ReadSingleBigEndian(body[at..]),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(body[at..]),
            };
        }
        return new IdxArray(dimensions, values, type);
    }

    /// <summary>Writes unsigned bytes as IDX (type 0x08), optionally gzip-compressed, atomically.</summary>
    public static void WriteBytes(string path, int[] dimensions, ReadOnlySpan<byte> values, bool gzip)
    {
        long count = dimensions.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length) throw new ArgumentException($"{values.Length} values do not fill {string.Join("×", dimensions)}");
        using var buffer = new MemoryStream();
        buffer.Write([0, 0, 0x08, (byte)dimensions.Length]);
        Span<byte> word = stackalloc byte[4];
        foreach (int d in dimensions) { BinaryPrimitives.WriteInt32BigEndian(word, d); buffer.Write(word); }
        buffer.Write(values);
        AtomicWrite.ToStream(path, file =>
        {
            buffer.Position = 0;
            if (!gzip)
            {
                buffer.CopyTo(file);
                return;
            }
            using var zip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            buffer.CopyTo(zip);
        });
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
