using Steepest.Distributed;
using Steepest.Distributed.Reducers;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public class AlignedMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(100_003)] // beyond the large-object threshold
    public void BuffersStartOnACacheLineAndAreZeroed(int length)
    {
        // Many allocations in a row: the heap puts consecutive arrays 8 bytes apart from any alignment.
        for (int k = 0; k < 20; k++)
        {
            var floats = AlignedMemory.Allocate<float>(length);
            var bytes = AlignedMemory.Allocate<byte>(length + k);
            Assert.Equal(length, floats.Length);
            Assert.Equal(length + k, bytes.Length);
            Assert.True(AlignedMemory.IsAligned<float>(floats.Span));
            Assert.True(AlignedMemory.IsAligned<byte>(bytes.Span));
            Assert.All(floats.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void StaysAlignedAcrossGarbageCollections()
    {
        var buffer = AlignedMemory.Allocate<float>(4096);
        var garbage = new List<float[]>();
        for (int i = 0; i < 200; i++) garbage.Add(new float[1000 + i]);
        garbage.Clear();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.True(AlignedMemory.IsAligned<float>(buffer.Span));
    }

    [Fact]
    public void ElementsThatCannotTileALineAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => AlignedMemory.Allocate<ThreeBytes>(4));
        Assert.Contains("cannot start every 64-byte boundary", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlignedMemory.Allocate<float>(-1));
    }

    [Fact]
    public void ReducersAverageIntoAlignedScratchExactlyAsBefore()
    {
        // The scratch moved from arrays to aligned memory: every strategy still gives every rank the exact average.
        foreach (string strategy in new[] { "all-to-all", "parameter-server", "ring", "halving-doubling" })
        {
            var m = ReductionExperiment.Run(strategy, 3, 1001, new AlphaBetaModel(1e-6, 1e-10, 1e-10), repeat: 2, seed: 5);
            Assert.InRange(m.MaxRelativeError, 0, 1e-6);
        }
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 3)]
    private struct ThreeBytes;
}
