using Steepest.Data;
using Steepest.Models;

namespace Steepest.Tests.Training;

/// <summary>Small labelled datasets made by the tests: Gaussian inputs, labels from a random linear teacher.</summary>
internal static class SyntheticData
{
    /// <summary>Training and test sets labelled by the same teacher.</summary>
    public static (ImageDataset Train, ImageDataset Test) TrainAndTest(int train, int test, int features, int classes, ulong seed)
    {
        var all = Classification(train + test, features, classes, seed);
        var testSet = new ImageDataset(all.Features[(train * features)..], all.Labels[train..], features, classes, "synthetic test");
        return (all.Take(train), testSet);
    }

    public static ImageDataset Classification(int count, int features, int classes, ulong seed)
    {
        var random = new SplitMix64(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var teacher = Enumerable.Range(0, classes * features).Select(_ => Gaussian()).ToArray();
        var x = new float[count * features];
        var y = new byte[count];
        for (int i = 0; i < count; i++)
        {
            for (int f = 0; f < features; f++) x[i * features + f] = (float)Gaussian();
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double score = 0;
                for (int f = 0; f < features; f++) score += teacher[c * features + f] * x[i * features + f];
                if (score > bestScore) { bestScore = score; best = c; }
            }
            y[i] = (byte)best;
        }
        return new ImageDataset(x, y, features, classes, $"synthetic {count}×{features}");
    }

    /// <summary>Writes four tiny MNIST-shaped IDX files (28×28 bytes) into <paramref name="folder"/>.</summary>
    public static void WriteMnistFiles(string folder, int train, int test, bool gzip)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(5);
        foreach (var (split, count) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[count * 28 * 28];
            random.NextBytes(pixels);
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            string suffix = gzip ? ".gz" : "";
            IdxFile.WriteBytes(Path.Combine(folder, $"{split}-images-idx3-ubyte{suffix}"), [count, 28, 28], pixels, gzip);
            IdxFile.WriteBytes(Path.Combine(folder, $"{split}-labels-idx1-ubyte{suffix}"), [count], labels, gzip);
        }
    }
}
