using Steepest.IO;

namespace Steepest.Tests.IO;

public sealed class AtomicWriteTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void AFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile()
    {
        string target = Path.Combine(folder, "state.bin");
        File.WriteAllText(target, "old");
        Assert.Throws<IOException>(() => AtomicWrite.ToStream(target, stream =>
        {
            stream.Write("half of the new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheTarget()
    {
        string target = Path.Combine(folder, "plot.png");
        File.WriteAllText(target, "old");
        string? seen = null;
        AtomicWrite.ToPath(target, temporary =>
        {
            seen = temporary;
            File.WriteAllText(temporary, "new");
        });
        Assert.Equal("new", File.ReadAllText(target));
        Assert.EndsWith(".png", seen); // writers that pick the format from the extension still see it
        Assert.Equal([target], Directory.GetFiles(folder));
    }
}
