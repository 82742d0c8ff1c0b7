using Steepest.Data;

namespace Steepest.Tests.Training;

public sealed class IdxFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-idx-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsRawAndGzipFiles(bool gzip)
    {
        string path = Path.Combine(folder, "a.idx");
        byte[] values = Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray();
        IdxFile.WriteBytes(path, [2, 3, 4], values, gzip);
        var array = IdxFile.Read(path);
        Assert.Equal([2, 3, 4], array.Dimensions);
        Assert.Equal(2, array.Count);
        Assert.Equal(12, array.ItemSize);
        Assert.Equal(values.Select(v => (float)v), array.Values);
    }

    [Fact]
    public void ReadsEveryElementType()
    {
        // One 2-value array per type, written by hand in big-endian.
        byte[] Header(byte type) => [0, 0, type, 1, 0, 0, 0, 2];
        Assert.Equal([-1f, 2f], IdxFile.Parse([.. Header(0x09), 0xFF, 0x02], "sbyte").Values);
        Assert.Equal([-2f, 258f], IdxFile.Parse([.. Header(0x0B), 0xFF, 0xFE, 0x01, 0x02], "short").Values);
        Assert.Equal([65536f, -1f], IdxFile.Parse([.. Header(0x0C), 0, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], "int").Values);
        Assert.Equal([1f, -2f], IdxFile.Parse([.. Header(0x0D), 0x3F, 0x80, 0, 0, 0xC0, 0, 0, 0], "float").Values);
        Assert.Equal([1f, 0.5f], IdxFile.Parse([.. Header(0x0E), 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0], "double").Values);
    }

    [Theory]
    [InlineData("bad IDX magic", new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 })]
    [InlineData("unknown IDX element type", new byte[] { 0, 0, 7, 1, 0, 0, 0, 1, 5 })]
    [InlineData("truncated", new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 5, 6 })]
    [InlineData("unexpected bytes", new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 5, 6 })]
    [InlineData("dimension 1 is 0", new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 })]
    [InlineData("truncated IDX header", new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 })]
    [InlineData("too short", new byte[] { 0, 0 })]
    public void RejectsMalformedFilesWithAMessage(string expected, byte[] bytes)
    {
        string path = Path.Combine(folder, "bad.idx");
        File.WriteAllBytes(path, bytes);
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
    }

    [Fact]
    public void RejectsTruncatedGzip()
    {
        string path = Path.Combine(folder, "a.gz");
        IdxFile.WriteBytes(path, [100, 28, 28], new byte[100 * 28 * 28], gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
        Assert.Contains("a.gz", error.Message);
    }

    [Fact]
    public void MnistLoaderFindsFilesAndNormalizes()
    {
        SyntheticData.WriteMnistFiles(folder, 30, 12, gzip: true);
        Assert.Equal(folder, MnistFiles.Locate(folder));
        var (train, test) = MnistFiles.Load(folder);
        Assert.Equal(30, train.Count);
        Assert.Equal(12, test.Count);
        Assert.Equal(784, train.FeatureCount);
        Assert.Equal((0 / 255f - MnistFiles.Mean) / MnistFiles.Deviation, train.Features.Min(), 5);
        Assert.Throws<DirectoryNotFoundException>(() => MnistFiles.Locate(Path.Combine(folder, "missing")));
        File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        Assert.Contains("t10k-labels-idx1-ubyte", Assert.Throws<FileNotFoundException>(() => MnistFiles.Locate(folder)).Message);
    }

    [Fact]
    public void ChecksumVerificationAcceptsOnlyTheRightContent()
    {
        string path = Path.Combine(folder, "x.gz");
        IdxFile.WriteBytes(path, [1], [7], gzip: true);
        Assert.False(MnistFiles.Verify(path, MnistFiles.Checksums["t10k-labels-idx1-ubyte"]));
        // SHA-256 of the decompressed bytes 00 00 08 01 00 00 00 01 07.
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 7 }));
        Assert.True(MnistFiles.Verify(path, hash));
    }
}
