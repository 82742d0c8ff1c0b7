namespace Steepest.Distributed.Mpi;

/// <summary>No MPI library could be loaded.</summary>
public sealed class MpiNotAvailableException()
    : Exception("MPI is not installed (no libmpi.so.40 or libmpi.so.12): install openmpi-bin, or run without --backend mpi");
