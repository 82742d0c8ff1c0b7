using Steepest.Threading;

namespace Steepest.Tests.Threading;

public class CoreAffinityTests
{
    [Fact]
    public void AllowedListsThisProcessCoresInOrder()
    {
        var allowed = CoreAffinity.Allowed();
        if (!OperatingSystem.IsLinux()) { Assert.Null(allowed); return; }
        Assert.NotNull(allowed);
        Assert.Equal(Environment.ProcessorCount, allowed!.Length);
        Assert.Equal(allowed.Order(), allowed);
        Assert.Equal(allowed.Length, allowed.Distinct().Count());
    }

    [Fact]
    public void PinRestrictsOnlyTheCallingThread()
    {
        if (!OperatingSystem.IsLinux()) return;
        var before = CoreAffinity.Allowed()!;
        int last = before[^1];
        bool pinned = false;
        int[]? inside = null;
        // A thread of its own, so the test runner's threads keep every core.
        var thread = new Thread(() => { pinned = CoreAffinity.Pin([last]); inside = CoreAffinity.Allowed(); });
        thread.Start();
        thread.Join();
        Assert.True(pinned);
        Assert.Equal(new[] { last }, inside);
        Assert.Equal(before, CoreAffinity.Allowed());
    }

    [Fact]
    public void PinRefusesNoCoresAndCoresOutOfRange()
    {
        bool empty = true, negative = true, huge = true;
        var thread = new Thread(() => { empty = CoreAffinity.Pin([]); negative = CoreAffinity.Pin([-1]); huge = CoreAffinity.Pin([1 << 20]); });
        thread.Start();
        thread.Join();
        Assert.False(empty);
        Assert.False(negative);
        Assert.False(huge);
    }
}
