namespace Steepest.Optimizers.Precision;

/// <summary>The names of <see cref="StatePrecision"/> as the command line spells them, and the rule for which parameters are compressed.</summary>
public static class StatePrecisions
{
    /// <summary>Parameters with fewer values stay fp32 whatever the precision, as in the 8-bit optimizers paper: their state is negligible and they are often the most sensitive (biases, norms).</summary>
    public const int MinimumCompressedLength = 4096;

    /// <summary>fp32, bf16, int8.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fp32", "bf16", "int8"];

    /// <summary>"fp32" → Fp32, …; anything else is an <see cref="ArgumentException"/> naming the choices.</summary>
    public static StatePrecision Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "fp32" => StatePrecision.Fp32,
        "bf16" => StatePrecision.Bf16,
        "int8" => StatePrecision.Int8,
        _ => throw new ArgumentException($"unknown state precision '{name}'; known: {string.Join(", ", Names)}"),
    };

    /// <summary>The command-line name.</summary>
    public static string Name(this StatePrecision precision) => Names[(int)precision];

    /// <summary>The precision a parameter of <paramref name="length"/> values actually gets.</summary>
    public static StatePrecision For(this StatePrecision precision, int length) => length < MinimumCompressedLength ? StatePrecision.Fp32 : precision;
}
