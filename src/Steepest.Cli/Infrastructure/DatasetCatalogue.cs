using Steepest.Data;
using Steepest.Training;

namespace Steepest.Cli.Infrastructure;

/// <summary>Turns a --dataset name into training data, once, at the edge: mnist, fashion-mnist, text:FILE.</summary>
public static class DatasetCatalogue
{
    /// <summary>The names, for messages.</summary>
    public const string Names = "mnist, fashion-mnist, text:FILE";

    /// <summary>True for text:FILE.</summary>
    public static bool IsText(string dataset) => dataset.Trim().StartsWith("text:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the named dataset; bad names, missing or malformed files are <see cref="UsageException"/>s.</summary>
    /// <param name="dataset">The --dataset value.</param>
    /// <param name="folder">--data, for the image datasets.</param>
    /// <param name="download">--download (MNIST only).</param>
    /// <param name="mirror">--mirror (MNIST only).</param>
    /// <param name="limit">Keep the first N training images.</param>
    /// <param name="testLimit">Keep the first N test images.</param>
    public static TrainingData Load(string dataset, string? folder, bool download, string? mirror, int? limit, int? testLimit)
    {
        string key = dataset.Trim();
        if (IsText(key))
        {
            string path = key["text:".Length..];
            if (path.Length == 0) throw new UsageException("--dataset text:FILE needs a file name after 'text:'");
            try { return new TextTrainingData(TextCorpus.Load(path)); }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or UnauthorizedAccessException or IOException)
            {
                throw new UsageException($"--dataset: {e.Message}");
            }
        }
        var set = key.ToLowerInvariant() switch
        {
            "mnist" => IdxImageSet.Mnist,
            "fashion-mnist" or "fashion_mnist" or "fashionmnist" => IdxImageSet.FashionMnist,
            _ => throw new UsageException($"--dataset: unknown dataset '{dataset}'; known: {Names}"),
        };
        var (train, test) = LoadImages(set, folder, download, mirror);
        // A limit past the end would silently mean "all of it": say how many there are instead.
        if (limit > train.Count) throw new UsageException($"--limit {limit}: {set.Title} has {train.Count} training images");
        if (testLimit > test.Count) throw new UsageException($"--test-limit {testLimit}: {set.Title} has {test.Count} test images");
        if (limit is int l) train = train.Take(l);
        if (testLimit is int t) test = test.Take(t);
        return new ImageTrainingData(train, test);
    }

    private static (ImageDataset Train, ImageDataset Test) LoadImages(IdxImageSet set, string? data, bool download, string? mirrorOption)
    {
        string? folder;
        try { folder = set.Locate(data); }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException) { throw new UsageException($"--data: {e.Message}"); }
        if (folder is null)
        {
            if (set != IdxImageSet.Mnist)
                throw new UsageException($"{set.Title} not found: pass --data DIR, set STEEPEST_DATA, install Debian's dataset-{set.Key}, or put the files in {set.CacheFolder}");
            string mirror = mirrorOption ?? Environment.GetEnvironmentVariable("STEEPEST_MNIST_MIRROR") ?? MnistFiles.DefaultMirror;
            if (!download)
                throw new UsageException($"MNIST not found: pass --data DIR, set STEEPEST_DATA, or add --download to fetch it from {mirror} into {MnistFiles.CacheFolder}");
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new UsageException($"--mirror: '{mirror}' is not an http(s) URL");
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            folder = MnistFiles.DownloadAsync(mirror, client).GetAwaiter().GetResult();
        }
        try { return set.Load(folder); }
        catch (InvalidDataException e) { throw new UsageException($"bad {set.Title} data: {e.Message}"); }
    }
}
