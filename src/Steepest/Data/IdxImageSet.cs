namespace Steepest.Data;

/// <summary>
/// An image-classification dataset stored as MNIST's four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; raw or .gz). It knows where to look for them and how to normalize
/// the pixels: (x/255 − mean)/deviation, as torchvision's usual transforms do.
/// </summary>
public sealed class IdxImageSet
{
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private readonly string[] systemFolders;
    private readonly string trainLabelsChecksum;

    private IdxImageSet(string key, string title, float mean, float deviation, string trainLabelsChecksum, string[] systemFolders)
    {
        (Key, Title, Mean, Deviation) = (key, title, mean, deviation);
        this.trainLabelsChecksum = trainLabelsChecksum;
        this.systemFolders = systemFolders;
    }

    /// <summary>MNIST (LeCun et al.): mean 0.1307, deviation 0.3081.</summary>
    public static IdxImageSet Mnist { get; } = new("mnist", "MNIST", MnistFiles.Mean, MnistFiles.Deviation, MnistFiles.Checksums[TrainLabels], []);

    /// <summary>
    /// Fashion-MNIST (Xiao et al. 2017), also in Debian's package dataset-fashion-mnist: mean 0.2860, deviation 0.3530.
    /// The label checksum is that of the package's decompressed training labels.
    /// </summary>
    public static IdxImageSet FashionMnist { get; } = new("fashion-mnist", "Fashion-MNIST", 0.2860f, 0.3530f,
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", ["/usr/share/datasets/fashion-mnist"]);

    /// <summary>The four file names (without .gz).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["train-images-idx3-ubyte", TrainLabels, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The dataset's command-line name, e.g. "fashion-mnist".</summary>
    public string Key { get; }

    /// <summary>Its title, e.g. "Fashion-MNIST".</summary>
    public string Title { get; }

    /// <summary>Pixel mean after scaling to [0, 1].</summary>
    public float Mean { get; }

    /// <summary>Pixel standard deviation after scaling to [0, 1].</summary>
    public float Deviation { get; }

    /// <summary>The cache folder: $XDG_CACHE_HOME/steepest/KEY or ~/.cache/steepest/KEY.</summary>
    public string CacheFolder =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "steepest", Key);

    /// <summary>
    /// The folder holding all four files: <paramref name="folder"/> if given (it must exist and hold them); else
    /// $STEEPEST_DATA/KEY; else $STEEPEST_DATA itself when its training labels are this dataset's (so MNIST there is
    /// never taken for Fashion-MNIST); else the system folders (Debian's package); else the cache. Null when none has them.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The given folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The given folder lacks a file.</exception>
    public string? Locate(string? folder) => Locate(folder, Environment.GetEnvironmentVariable("STEEPEST_DATA"), systemFolders, CacheFolder);

    /// <summary><see cref="Locate(string?)"/> with the environment's data root, the system folders and the cache given (for tests).</summary>
    internal string? Locate(string? folder, string? environmentRoot, IEnumerable<string> system, string cacheFolder)
    {
        if (folder is not null)
        {
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"data folder '{folder}' does not exist");
            foreach (string name in FileNames)
                if (Find(folder, name) is null) throw new FileNotFoundException($"data folder '{folder}' has no {name}(.gz)");
            return folder;
        }
        string? root = environmentRoot is { Length: > 0 } ? environmentRoot : null;
        if (root is not null && Complete(Path.Combine(root, Key))) return Path.Combine(root, Key);
        if (root is not null && Complete(root) && IsThisDataset(root)) return root;
        foreach (string candidate in system.Append(cacheFolder))
            if (Complete(candidate)) return candidate;
        return null;
    }

    /// <summary>The path of <paramref name="name"/> in <paramref name="folder"/>, compressed or not, or null.</summary>
    public static string? Find(string folder, string name)
    {
        foreach (string file in new[] { name + ".gz", name })
        {
            string path = Path.Combine(folder, file);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Loads the training and test splits from <paramref name="folder"/> as [H, W, 1] images, normalized.</summary>
    /// <exception cref="InvalidDataException">A file is not the IDX this dataset needs.</exception>
    public (ImageDataset Train, ImageDataset Test) Load(string folder) => (LoadSplit(folder, "train"), LoadSplit(folder, "t10k"));

    private static bool Complete(string folder) => Directory.Exists(folder) && FileNames.All(n => Find(folder, n) is not null);

    private bool IsThisDataset(string folder) => MnistFiles.Verify(Find(folder, TrainLabels)!, trainLabelsChecksum);

    private ImageDataset LoadSplit(string folder, string split)
    {
        var images = IdxFile.Read(Find(folder, $"{split}-images-idx3-ubyte")!);
        var labels = IdxFile.Read(Find(folder, $"{split}-labels-idx1-ubyte")!);
        string name = $"{Title} {(split == "train" ? "train" : "test")}";
        if (images.Dimensions.Length != 3 || images.ElementType != 0x08)
            throw new InvalidDataException($"{name} images: expected unsigned bytes of shape n×rows×columns, got {string.Join("×", images.Dimensions)}");
        if (labels.Dimensions.Length != 1 || labels.ElementType != 0x08)
            throw new InvalidDataException($"{name} labels: expected one unsigned byte per image, got {string.Join("×", labels.Dimensions)}");
        if (images.Count != labels.Count) throw new InvalidDataException($"{name}: {images.Count} images but {labels.Count} labels");
        var pixels = images.Values;
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (pixels[i] / 255f - Mean) / Deviation;
        return new ImageDataset(pixels, labels.Values.Select(v => (byte)v).ToArray(), images.Dimensions[1], images.Dimensions[2], 1, 10, name);
    }
}
