using System.Runtime.InteropServices;

namespace Steepest.Distributed.Mpi;

/// <summary>Open MPI (libmpi.so.40): MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM … are the addresses of exported objects.</summary>
internal sealed unsafe partial class OpenMpiLibrary : MpiLibrary
{
    internal const string Soname = "libmpi.so.40";
    private const string Library = Soname;

    public OpenMpiLibrary(nint handle)
    {
        World = NativeLibrary.GetExport(handle, "ompi_mpi_comm_world");
        Float = NativeLibrary.GetExport(handle, "ompi_mpi_float");
        Byte = NativeLibrary.GetExport(handle, "ompi_mpi_byte");
        Double = NativeLibrary.GetExport(handle, "ompi_mpi_double");
        Sum = NativeLibrary.GetExport(handle, "ompi_mpi_op_sum");
    }

    public override string Flavor => "Open MPI";
    public override nint World { get; }
    public override nint Float { get; }
    public override nint Byte { get; }
    public override nint Double { get; }
    public override nint Sum { get; }
    public override void* InPlace => (void*)1;

    public override int InitThread(int required, out int provided) => MPI_Init_thread(null, null, required, out provided);
    public override int Initialized(out int flag) => MPI_Initialized(out flag);
    public override int Finalized(out int flag) => MPI_Finalized(out flag);
    public override int Finalize() => MPI_Finalize();
    public override int Abort(nint comm, int code) => MPI_Abort(comm, code);
    public override int CommRank(nint comm, out int rank) => MPI_Comm_rank(comm, out rank);
    public override int CommSize(nint comm, out int size) => MPI_Comm_size(comm, out size);
    public override int Send(void* buffer, int count, nint type, int destination, int tag, nint comm) => MPI_Send(buffer, count, type, destination, tag, comm);
    public override int Recv(void* buffer, int count, nint type, int source, int tag, nint comm, void* status) => MPI_Recv(buffer, count, type, source, tag, comm, status);
    public override int Sendrecv(void* send, int sendCount, nint type, int destination, int sendTag, void* receive, int receiveCount, int source, int receiveTag, nint comm, void* status) =>
        MPI_Sendrecv(send, sendCount, type, destination, sendTag, receive, receiveCount, type, source, receiveTag, comm, status);
    public override int Isend(void* buffer, int count, nint type, int destination, int tag, nint comm, out nint request) => MPI_Isend(buffer, count, type, destination, tag, comm, out request);
    public override int Irecv(void* buffer, int count, nint type, int source, int tag, nint comm, out nint request) => MPI_Irecv(buffer, count, type, source, tag, comm, out request);
    public override int Wait(ref nint request, void* status) => MPI_Wait(ref request, status);
    public override int GetCount(void* status, nint type, out int count) => MPI_Get_count(status, type, out count);
    public override int Barrier(nint comm) => MPI_Barrier(comm);
    public override int Allreduce(void* send, void* receive, int count, nint type, nint op, nint comm) => MPI_Allreduce(send, receive, count, type, op, comm);

    [LibraryImport(Library)] private static partial int MPI_Init_thread(int* argc, byte*** argv, int required, out int provided);
    [LibraryImport(Library)] private static partial int MPI_Initialized(out int flag);
    [LibraryImport(Library)] private static partial int MPI_Finalized(out int flag);
    [LibraryImport(Library)] private static partial int MPI_Finalize();
    [LibraryImport(Library)] private static partial int MPI_Abort(nint comm, int code);
    [LibraryImport(Library)] private static partial int MPI_Comm_rank(nint comm, out int rank);
    [LibraryImport(Library)] private static partial int MPI_Comm_size(nint comm, out int size);
    [LibraryImport(Library)] private static partial int MPI_Send(void* buffer, int count, nint type, int destination, int tag, nint comm);
    [LibraryImport(Library)] private static partial int MPI_Recv(void* buffer, int count, nint type, int source, int tag, nint comm, void* status);
    [LibraryImport(Library)] private static partial int MPI_Sendrecv(void* send, int sendCount, nint sendType, int destination, int sendTag, void* receive, int receiveCount, nint receiveType, int source, int receiveTag, nint comm, void* status);
    [LibraryImport(Library)] private static partial int MPI_Isend(void* buffer, int count, nint type, int destination, int tag, nint comm, out nint request);
    [LibraryImport(Library)] private static partial int MPI_Irecv(void* buffer, int count, nint type, int source, int tag, nint comm, out nint request);
    [LibraryImport(Library)] private static partial int MPI_Wait(ref nint request, void* status);
    [LibraryImport(Library)] private static partial int MPI_Get_count(void* status, nint type, out int count);
    [LibraryImport(Library)] private static partial int MPI_Barrier(nint comm);
    [LibraryImport(Library)] private static partial int MPI_Allreduce(void* send, void* receive, int count, nint type, nint op, nint comm);
}
