namespace Steepest.Tests.Distributed.Mpi;

/// <summary>A theory that needs mpirun and an MPI library: skipped, with the reason, on a machine without them.</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when MPI is missing.</summary>
    public MpiTheoryAttribute()
    {
        if (MpiLauncher.SkipReason is { } reason) Skip = reason;
    }
}
