namespace Steepest.Tests;

/// <summary>Tests that measure process-wide quantities (allocations) and must not share the process with other running tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
