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
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 50; i++) optimizer.Step();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 1024, $"{name}: {allocated} bytes allocated over 50 steps");
    }

}
