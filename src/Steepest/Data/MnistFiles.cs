using System.Net.Http;
using System.Security.Cryptography;
using Steepest.IO;

namespace Steepest.Data;

/// <summary>
/// Finds, loads and (if asked) downloads MNIST (<see cref="IdxImageSet.Mnist"/> says where the files are looked for). A download
/// goes to the cache, from a mirror (default PyTorch's), and each file is checked against the canonical SHA-256 of its
/// decompressed content before it is kept.
/// </summary>
public static class MnistFiles
{
    /// <summary>The default mirror (the one torchvision uses).</summary>
    public const string DefaultMirror = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    /// <summary>The four files with the canonical SHA-256 of their decompressed bytes.</summary>
    public static IReadOnlyDictionary<string, string> Checksums { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>The standard normalization of MNIST pixels: (x/255 − 0.1307)/0.3081.</summary>
    public const float Mean = 0.1307f, Deviation = 0.3081f;

    /// <summary>The cache folder ($XDG_CACHE_HOME/steepest/mnist or ~/.cache/steepest/mnist).</summary>
    public static string CacheFolder => IdxImageSet.Mnist.CacheFolder;

    /// <summary>The folder holding all four files (see <see cref="IdxImageSet.Locate(string?)"/>), or null.</summary>
    /// <exception cref="DirectoryNotFoundException">The given folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The given folder lacks a file.</exception>
    public static string? Locate(string? folder) => IdxImageSet.Mnist.Locate(folder);

    /// <summary>The path of <paramref name="name"/> in <paramref name="folder"/>, compressed or not, or null.</summary>
    public static string? Find(string folder, string name) => IdxImageSet.Find(folder, name);

    /// <summary>Loads the training and test sets from <paramref name="folder"/>, normalized with the standard mean and deviation.</summary>
    public static (ImageDataset Train, ImageDataset Test) Load(string folder) => IdxImageSet.Mnist.Load(folder);

    /// <summary>Downloads the four files from <paramref name="mirror"/> into the cache, verifying each; returns the cache folder.</summary>
    public static async Task<string> DownloadAsync(string mirror, HttpClient client, CancellationToken cancellation = default)
    {
        if (!mirror.EndsWith('/')) mirror += "/";
        Directory.CreateDirectory(CacheFolder);
        foreach (var (name, checksum) in Checksums)
        {
            string target = Path.Combine(CacheFolder, name + ".gz");
            if (File.Exists(target) && Verify(target, checksum)) continue;
            byte[] body = await client.GetByteArrayAsync(new Uri(mirror + name + ".gz"), cancellation).ConfigureAwait(false);
            // Verify, then rename: a file that fails its check never takes the target's name.
            AtomicWrite.ToPath(target, temporary =>
            {
                File.WriteAllBytes(temporary, body);
                if (!Verify(temporary, checksum)) throw new InvalidDataException($"{mirror}{name}.gz failed its SHA-256 check; refusing to use it");
            });
        }
        return CacheFolder;
    }

    /// <summary>True when the decompressed content of <paramref name="path"/> has the SHA-256 <paramref name="expected"/>.</summary>
    public static bool Verify(string path, string expected)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var zip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
                using var output = new MemoryStream();
                zip.CopyTo(output);
                bytes = output.ToArray();
            }
            return Convert.ToHexStringLower(SHA256.HashData(bytes)) == expected;
        }
        catch (Exception e) when (e is InvalidDataException or IOException) { return false; }
    }
}
