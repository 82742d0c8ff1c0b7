namespace Steepest.Data;

/// <summary>
/// What a model is built for: the shape of one input example and the number of classes. Images are channels-last
/// [H, W, C]; plain feature vectors are [n]; text has a vocabulary, and its sequence length comes from the model.
/// </summary>
public sealed record DataShape
{
    private DataShape(int[] example, int classes, bool isText)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "need at least one class");
        if (example.Any(d => d < 1)) throw new ArgumentException($"example dimensions must be ≥ 1, got [{string.Join("×", example)}]");
        Example = example;
        Classes = classes;
        IsText = isText;
    }

    /// <summary>Shape of one example ([H, W, C], [n]); empty for text.</summary>
    public IReadOnlyList<int> Example { get; }

    /// <summary>Classes, or the vocabulary size of text.</summary>
    public int Classes { get; }

    /// <summary>True for token sequences (next-token prediction).</summary>
    public bool IsText { get; }

    /// <summary>True for images [H, W, C].</summary>
    public bool IsImage => !IsText && Example.Count == 3;

    /// <summary>Values per example (1 for text: a position).</summary>
    public int Features => Example.Aggregate(1, (a, b) => a * b);

    /// <summary>Feature vectors of length <paramref name="features"/>.</summary>
    public static DataShape Vectors(int features, int classes) => new([features], classes, false);

    /// <summary>Images of <paramref name="height"/>×<paramref name="width"/> pixels with <paramref name="channels"/> channels.</summary>
    public static DataShape Images(int height, int width, int channels, int classes) => new([height, width, channels], classes, false);

    /// <summary>Token sequences over a vocabulary.</summary>
    public static DataShape Text(int vocabulary) => new([], vocabulary, true);

    /// <inheritdoc/>
    public bool Equals(DataShape? other) => other is not null && IsText == other.IsText && Classes == other.Classes && Example.SequenceEqual(other.Example);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsText, Classes, Example.Count, Features);

    /// <inheritdoc/>
    public override string ToString() => IsText ? $"text over {Classes} tokens" : $"[{string.Join("×", Example)}] in {Classes} classes";
}
