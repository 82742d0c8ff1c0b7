using Steepest.Data;

namespace Steepest.Models;

/// <summary>
/// A model by name, checked against the data it will train on: <c>softmax</c>, <c>mlp:784-512-512-10[:gelu]</c>,
/// <c>cnn:C1-C2-…</c> or <c>gpt:layers=L,width=D,heads=H,context=T</c>. <see cref="Build"/> makes the network,
/// initialized from a seed; <see cref="ToString"/> is the canonical spec.
/// </summary>
public abstract record ModelSpec
{
    /// <summary>The data the spec was checked against.</summary>
    public required DataShape Data { get; init; }

    /// <summary>Parses a spec for <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Unknown model, malformed spec, or a spec that does not fit the data; the message is one line.</exception>
    public static ModelSpec Parse(string text, DataShape data)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(data);
        string spec = text.Trim().ToLowerInvariant();
        int colon = spec.IndexOf(':');
        string family = colon < 0 ? spec : spec[..colon];
        return family switch
        {
            "softmax" or "softmax-regression" or "logistic" when colon < 0 => MlpSpec.Softmax(data),
            "mlp" when colon > 0 => MlpSpec.Parse(text, spec[(colon + 1)..], data),
            "cnn" when colon > 0 => CnnSpec.Parse(text, spec[(colon + 1)..], data),
            "gpt" when colon > 0 => GptSpec.Parse(text, spec[(colon + 1)..], data),
            _ => throw new ArgumentException(
                $"unknown model '{text}'; use softmax, mlp:{(data.IsText ? 784 : data.Features)}-…-{data.Classes} (optionally ending in :relu or :gelu), cnn:C1-C2-… or gpt:layers=L,width=D,heads=H,context=T"),
        };
    }

    /// <summary>
    /// Splits a comma-separated list of specs, where a gpt spec's own commas stay inside it: a new spec starts at each
    /// item that begins with a family (softmax, mlp:, cnn:, gpt:). Throws on an empty item.
    /// </summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var specs = new List<string>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0) throw new ArgumentException($"'{text}' has an empty item");
            string lower = item.ToLowerInvariant();
            bool starts = specs.Count == 0 || lower is "softmax" or "softmax-regression" or "logistic"
                || lower.StartsWith("mlp:", StringComparison.Ordinal) || lower.StartsWith("cnn:", StringComparison.Ordinal) || lower.StartsWith("gpt:", StringComparison.Ordinal);
            if (starts) specs.Add(item);
            else specs[^1] += "," + item;
        }
        return specs;
    }

    /// <summary>Parses a spec for feature vectors of length <paramref name="inputs"/> in <paramref name="classes"/> classes.</summary>
    public static ModelSpec Parse(string text, int inputs, int classes) => Parse(text, DataShape.Vectors(inputs, classes));

    /// <summary>Builds the network with every parameter drawn from a SplitMix64 stream seeded by <paramref name="seed"/>.</summary>
    public Network Build(ulong seed)
    {
        var network = new Network(ToString(), CreateBody());
        network.Initialize(new SplitMix64(seed));
        return network;
    }

    /// <summary>The layers, uninitialized.</summary>
    protected abstract Module CreateBody();

    /// <summary>The canonical spec, e.g. "cnn:32-64".</summary>
    public abstract override string ToString();

    /// <summary>Parses a positive integer field of a spec, or throws a one-line message naming it.</summary>
    internal static int Positive(string text, string item, string what, int max)
    {
        if (!int.TryParse(item, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < 1 || value > max)
            throw new ArgumentException($"model '{text}': '{item}' is not a {what} between 1 and {max}");
        return value;
    }
}
