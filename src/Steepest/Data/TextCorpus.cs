namespace Steepest.Data;

/// <summary>
/// A file for byte-level language modelling. The vocabulary is the distinct bytes that occur, in byte order, and each
/// byte becomes its index in it; the last 10% of the file (rounded down) is held out for validation.
/// </summary>
public sealed class TextCorpus
{
    private readonly byte[] tokens;

    /// <summary>Tokenizes <paramref name="bytes"/>; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="InvalidDataException">No bytes.</exception>
    public TextCorpus(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new InvalidDataException($"{name} is empty");
        Name = name;
        Span<bool> seen = stackalloc bool[256];
        foreach (byte b in bytes) seen[b] = true;
        var vocabulary = new List<byte>();
        var index = new byte[256];
        for (int b = 0; b < 256; b++)
            if (seen[b]) { index[b] = (byte)vocabulary.Count; vocabulary.Add((byte)b); }
        Vocabulary = vocabulary;
        tokens = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) tokens[i] = index[bytes[i]];
        ValidationStart = bytes.Length - bytes.Length / 10;
    }

    /// <summary>Reads and tokenizes a file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static TextCorpus Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException(Directory.Exists(path) ? $"'{path}' is a folder, not a text file" : $"text file '{path}' does not exist", path);
        return new TextCorpus(File.ReadAllBytes(path), path);
    }

    /// <summary>Where it came from.</summary>
    public string Name { get; }

    /// <summary>The bytes that occur, ascending: token i stands for Vocabulary[i].</summary>
    public IReadOnlyList<byte> Vocabulary { get; }

    /// <summary>Tokens in the file.</summary>
    public int Length => tokens.Length;

    /// <summary>The first validation token; training uses [0, ValidationStart).</summary>
    public int ValidationStart { get; }

    /// <summary>The training tokens.</summary>
    public ReadOnlySpan<byte> Train => tokens.AsSpan(0, ValidationStart);

    /// <summary>The held-out tokens (the last 10%).</summary>
    public ReadOnlySpan<byte> Validation => tokens.AsSpan(ValidationStart);

    /// <summary>The shape models are built for: sequences over the vocabulary.</summary>
    public DataShape Shape => DataShape.Text(Vocabulary.Count);

    /// <summary>Checks that both splits hold at least one window of <paramref name="context"/> + 1 tokens.</summary>
    /// <exception cref="InvalidDataException">A split is too short; the message gives the sizes.</exception>
    public void CheckContext(int context)
    {
        if (Train.Length < context + 1)
            throw new InvalidDataException($"{Name} has {Length} bytes: its training part ({Train.Length}) is shorter than one window of context {context} + 1");
        if (Validation.Length < context + 1)
            throw new InvalidDataException($"{Name} has {Length} bytes: its validation part (the last 10%, {Validation.Length}) is shorter than one window of context {context} + 1");
    }

    /// <summary>The text of <paramref name="tokenIds"/>.</summary>
    public byte[] Decode(ReadOnlySpan<int> tokenIds)
    {
        var bytes = new byte[tokenIds.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = Vocabulary[tokenIds[i]];
        return bytes;
    }
}
