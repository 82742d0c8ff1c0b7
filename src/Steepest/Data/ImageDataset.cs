namespace Steepest.Data;

/// <summary>
/// Labelled examples for classification: n rows of features (row-major floats) and a class per row. Each row is an
/// image of <see cref="Shape"/> (channels last, [H, W, C]) or a plain vector.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Wraps feature vectors (count × features) and labels in [0, classes).</summary>
    public ImageDataset(float[] features, byte[] labels, int featureCount, int classes, string name)
        : this(features, labels, DataShape.Vectors(featureCount, classes), name) { }

    /// <summary>Wraps images of <paramref name="height"/>×<paramref name="width"/>×<paramref name="channels"/> (channels last) and labels in [0, classes).</summary>
    public ImageDataset(float[] features, byte[] labels, int height, int width, int channels, int classes, string name)
        : this(features, labels, DataShape.Images(height, width, channels, classes), name) { }

    private ImageDataset(float[] features, byte[] labels, DataShape shape, string name)
    {
        int featureCount = shape.Features, classes = shape.Classes;
        if (labels.Length == 0) throw new ArgumentException($"{name}: no examples");
        if (features.Length != labels.Length * featureCount) throw new ArgumentException($"{name}: {features.Length} values for {labels.Length} examples of {featureCount}");
        foreach (byte label in labels)
            if (label >= classes) throw new InvalidDataException($"{name}: label {label} is outside 0..{classes - 1}");
        Shape = shape;
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        Classes = classes;
        Name = name;
    }

    /// <summary>What one example is: its shape and the number of classes.</summary>
    public DataShape Shape { get; }

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
        return new ImageDataset(Features.AsSpan(0, count * FeatureCount).ToArray(), Labels.AsSpan(0, count).ToArray(), Shape, $"{Name} (first {count})");
    }
}
