using System.Globalization;

namespace Steepest.Models;

/// <summary>A model by name: <c>mlp:784-512-512-10</c> (ReLU), <c>mlp:784-512-10:gelu</c>, or <c>softmax</c> (softmax regression).</summary>
public sealed record ModelSpec(int[] Widths, Activation Activation)
{
    /// <summary>Parses a spec for data with <paramref name="inputs"/> features and <paramref name="classes"/> classes.</summary>
    /// <exception cref="ArgumentException">Unknown model, malformed widths, or widths that do not fit the data.</exception>
    public static ModelSpec Parse(string text, int inputs, int classes)
    {
        ArgumentNullException.ThrowIfNull(text);
        string spec = text.Trim().ToLowerInvariant();
        if (spec is "softmax" or "softmax-regression" or "logistic") return new ModelSpec([inputs, classes], Activation.Relu);
        if (!spec.StartsWith("mlp:", StringComparison.Ordinal))
            throw new ArgumentException($"unknown model '{text}'; use softmax or mlp:{inputs}-…-{classes} (optionally ending in :relu or :gelu)");
        string[] parts = spec[4..].Split(':');
        if (parts.Length > 2) throw new ArgumentException($"model '{text}': too many ':' parts");
        var activation = parts.Length == 1 ? Activation.Relu : parts[1] switch
        {
            "relu" => Activation.Relu,
            "gelu" => Activation.Gelu,
            _ => throw new ArgumentException($"model '{text}': unknown activation '{parts[1]}' (relu or gelu)"),
        };
        var widths = new List<int>();
        foreach (string item in parts[0].Split('-'))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1 || width > 1 << 16)
                throw new ArgumentException($"model '{text}': '{item}' is not a layer width between 1 and 65536");
            widths.Add(width);
        }
        if (widths.Count < 2) throw new ArgumentException($"model '{text}' needs at least an input and an output width");
        if (widths[0] != inputs) throw new ArgumentException($"model '{text}' takes {widths[0]} inputs but the data has {inputs} features");
        if (widths[^1] != classes) throw new ArgumentException($"model '{text}' has {widths[^1]} outputs but the data has {classes} classes");
        return new ModelSpec(widths.ToArray(), activation);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Widths.Length == 2 ? "softmax" : $"mlp:{string.Join("-", Widths)}{(Activation == Activation.Gelu ? ":gelu" : "")}";
}
