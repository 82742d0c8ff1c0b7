using Steepest.Data;
using Steepest.Tests.Training;

namespace Steepest.Tests.Data;

public sealed class DatasetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-data-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void FashionMnistLoadsAsImagesWithItsOwnNormalization()
    {
        string data = Path.Combine(folder, "fashion");
        SyntheticData.WriteMnistFiles(data, 20, 10, gzip: true);
        var (train, test) = IdxImageSet.FashionMnist.Load(data);
        Assert.Equal(DataShape.Images(28, 28, 1, 10), train.Shape);
        Assert.Equal(10, test.Count);
        Assert.Equal((0 / 255f - 0.2860f) / 0.3530f, train.Features.Min(), 5);
        Assert.StartsWith("Fashion-MNIST", train.Name);
    }

    [Fact]
    public void TheSearchOrderIsDataThenEnvironmentSubfolderThenEnvironmentThenSystemThenCache()
    {
        string root = Path.Combine(folder, "root"), system = Path.Combine(folder, "system"), cache = Path.Combine(folder, "cache");
        var set = IdxImageSet.FashionMnist;
        Assert.Null(set.Locate(null, root, [system], cache));
        SyntheticData.WriteMnistFiles(cache, 2, 2, gzip: false);
        Assert.Equal(cache, set.Locate(null, root, [system], cache));
        SyntheticData.WriteMnistFiles(system, 2, 2, gzip: false);
        Assert.Equal(system, set.Locate(null, root, [system], cache));
        // Files straight in $STEEPEST_DATA are taken only when their labels are this dataset's (so MNIST there is never Fashion-MNIST).
        SyntheticData.WriteMnistFiles(root, 2, 2, gzip: false);
        Assert.Equal(system, set.Locate(null, root, [system], cache));
        SyntheticData.WriteMnistFiles(Path.Combine(root, "fashion-mnist"), 2, 2, gzip: false);
        Assert.Equal(Path.Combine(root, "fashion-mnist"), set.Locate(null, root, [system], cache));
        Assert.Equal(cache, set.Locate(cache, root, [system], cache));
        Assert.Throws<DirectoryNotFoundException>(() => set.Locate(Path.Combine(folder, "none"), root, [system], cache));
    }

    [Fact]
    public void TheVocabularyIsTheBytesThatOccurAndTheLastTenthIsHeldOut()
    {
        byte[] text = "hello, world! hello again."u8.ToArray();
        var corpus = new TextCorpus(text, "t");
        Assert.Equal(text.Distinct().Order(), corpus.Vocabulary);
        Assert.Equal(text.Length - text.Length / 10, corpus.ValidationStart);
        Assert.Equal(text.Length / 10, corpus.Validation.Length);
        Assert.Equal(text, corpus.Decode(corpus.Train.ToArray().Concat(corpus.Validation.ToArray()).Select(t => (int)t).ToArray()));
        Assert.Equal(DataShape.Text(corpus.Vocabulary.Count), corpus.Shape);
    }

    [Fact]
    public void EmptyShortAndMissingFilesAreClearErrors()
    {
        Assert.Contains("is empty", Assert.Throws<InvalidDataException>(() => new TextCorpus([], "x.txt")).Message);
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(Path.Combine(folder, "none.txt"))).Message);
        Assert.Contains("is a folder", Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(folder)).Message);
        var corpus = new TextCorpus(new byte[100], "short.txt");
        corpus.CheckContext(9);
        Assert.Contains("validation part", Assert.Throws<InvalidDataException>(() => corpus.CheckContext(10)).Message);
        Assert.Contains("training part", Assert.Throws<InvalidDataException>(() => corpus.CheckContext(90)).Message);
    }
}
