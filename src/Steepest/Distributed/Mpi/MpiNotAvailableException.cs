namespace Steepest.Distributed.Mpi;

/// <summary>No MPI library could be loaded: neither the one named by STEEPEST_MPI_LIBRARY nor a system libmpi.so.40 / libmpi.so.12.</summary>
/// <param name="requestedPath">The library the user asked for through STEEPEST_MPI_LIBRARY, or null for the system search.</param>
public sealed class MpiNotAvailableException(string? requestedPath)
    : Exception(string.IsNullOrEmpty(requestedPath)
        ? "MPI is not installed (no libmpi.so.40 or libmpi.so.12 found): install openmpi-bin, or run without --backend mpi"
        : $"MPI library '{requestedPath}' (from {MpiRuntime.LibraryVariable}) cannot be loaded: fix the path, install openmpi-bin, or run without --backend mpi");
