namespace Steepest.Models;

/// <summary>
/// A small seeded generator (SplitMix64) whose whole state is one ulong, so runs are reproducible across .NET versions
/// and the state can be saved. Used for initialization and shuffling.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    /// <summary>The state; saving it and restoring it continues the sequence exactly.</summary>
    public ulong State { get; set; } = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal N(0, 1) by Box–Muller from two uniforms: √(−2·ln(1 − u₁))·cos(2π·u₂) (nothing cached, so the state stays one ulong).</summary>
    public double NextGaussian()
    {
        double radius = Math.Sqrt(-2 * Math.Log(1 - NextDouble()));
        return radius * Math.Cos(2 * Math.PI * NextDouble());
    }

    /// <summary>Uniform integer in [0, n), unbiased.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be > 0");
        ulong limit = ulong.MaxValue - ulong.MaxValue % (ulong)n;
        ulong value;
        do value = Next(); while (value >= limit);
        return (int)(value % (ulong)n);
    }

    /// <summary>Fisher–Yates shuffle of <paramref name="values"/>.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
