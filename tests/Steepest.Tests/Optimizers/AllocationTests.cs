using Steepest.Optimizers;

namespace Steepest.Tests.Optimizers;

/// <summary>Runs alone: allocation counters are process-wide.</summary>
[Collection(SerialCollection.Name)]
public sealed class AllocationTests
{
    [Theory]
    [InlineData("adamw")]
    [InlineData("lion")]
    [InlineData("signum")]
    [InlineData("momentum")]
    public void FusedStepsAllocateNothing(string name)
    {
        var parameters = RecipeTests.Parameters(large: true);
        var optimizer = new Optimizer(OptimizerCatalogue.Create(name), parameters);
        RecipeTests.Gradients(parameters, 1);
        for (int i = 0; i < 300; i++) optimizer.Step(); // warm up: tiered JIT and worker threads
        // The counter is process-wide and the test runner's threads allocate now and then (93 KB once, in a full CI
        // run): a step that allocates does so in every window of 50 steps, the runner in a few, so take the quietest of five.
        long allocated = long.MaxValue;
        for (int window = 0; window < 5 && allocated >= 1024; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 50; i++) optimizer.Step();
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.True(allocated < 1024, $"{name}: {allocated} bytes allocated over 50 steps");
    }

}
