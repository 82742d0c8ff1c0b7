namespace Steepest.Tests.Distributed.Mpi;

/// <summary>A fact that needs mpirun and an MPI library: skipped, with the reason, on a machine without them.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when MPI is missing.</summary>
    public MpiFactAttribute()
    {
        if (MpiLauncher.SkipReason is { } reason) Skip = reason;
    }
}
