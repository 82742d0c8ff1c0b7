namespace Steepest.Data;

/// <summary>Labelled examples for classification: n rows of features (row-major floats) and a class per row.</summary>
public sealed class ImageDataset
{
    /// <summary>Wraps features (count × features) and labels in [0, classes).</summary>
    public ImageDataset(float[] features, byte[] labels, int featureCount, int classes, string name)
    {
        if (labels.Length == 0) throw new ArgumentException($"{name}: no examples");
        if (features.Length != labels.Length * featureCount) throw new ArgumentException($"{name}: {features.Length} values for {labels.Length} examples of {featureCount}");
        foreach (byte label in labels)
            if (label >= classes) throw new InvalidDataException($"{name}: label {label} is outside 0..{classes - 1}");
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        Classes = classes;
        Name = name;
    }

    /// <summary>Row-major features.</summary>
    public float[] Features { get; }
    /// <summary>Class of each example.</summary>
    public byte[] Labels { get; }
    /// <summary>Values per example.</summary>
    public int FeatureCount { get; }
    /// <summary>Number of classes.</summary>
    public int Classes { get; }
    /// <summary>Examples.</summary>
    public int Count => Labels.Length;
    /// <summary>Where it came from.</summary>
    public string Name { get; }

    /// <summary>The first <paramref name="count"/> examples (a subset for quick runs).</summary>
    public ImageDataset Take(int count)
    {
        if (count >= Count) return this;
        return new ImageDataset(Features.AsSpan(0, count * FeatureCount).ToArray(), Labels.AsSpan(0, count).ToArray(), FeatureCount, Classes, $"{Name} (first {count})");
    }
}
