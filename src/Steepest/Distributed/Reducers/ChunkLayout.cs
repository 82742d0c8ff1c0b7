namespace Steepest.Distributed.Reducers;

/// <summary>Splits p values into n contiguous chunks whose sizes differ by at most one (the first p mod n get one more).</summary>
public readonly record struct ChunkLayout(int Parameters, int Chunks)
{
    /// <summary>First index of chunk c.</summary>
    public int Start(int c) => c * (Parameters / Chunks) + Math.Min(c, Parameters % Chunks);

    /// <summary>Number of values in chunk c (⌊p/n⌋ or ⌈p/n⌉; zero when p &lt; n and c ≥ p).</summary>
    public int Length(int c) => Parameters / Chunks + (c < Parameters % Chunks ? 1 : 0);

    /// <summary>Chunk c as a range.</summary>
    public Range Range(int c) => new(Start(c), Start(c) + Length(c));
}
