using System.Runtime.InteropServices;

namespace Steepest.Distributed.Mpi;

/// <summary>
/// The MPICH ABI (libmpi.so.12: MPICH, Intel MPI, Cray MPICH): handles are 32-bit integers with fixed values
/// (MPI_COMM_WORLD = 0x44000000, MPI_FLOAT = 0x4c00040a, MPI_BYTE = 0x4c00010d, MPI_DOUBLE = 0x4c00080b, MPI_SUM = 0x58000003).
/// </summary>
internal sealed unsafe partial class MpichLibrary : MpiLibrary
{
    internal const string Soname = "libmpi.so.12";
    private const string Library = Soname;

    public override string Flavor => "MPICH";
    public override nint World => 0x44000000;
    public override nint Float => 0x4c00040a;
    public override nint Byte => 0x4c00010d;
    public override nint Double => 0x4c00080b;
    public override nint Sum => 0x58000003;
    public override void* InPlace => (void*)-1;

    public override int InitThread(int required, out int provided) => MPI_Init_thread(null, null, required, out provided);
    public override int Initialized(out int flag) => MPI_Initialized(out flag);
    public override int Finalized(out int flag) => MPI_Finalized(out flag);
    public override int Finalize() => MPI_Finalize();
    public override int Abort(nint comm, int code) => MPI_Abort((int)comm, code);
    public override int CommRank(nint comm, out int rank) => MPI_Comm_rank((int)comm, out rank);
    public override int CommSize(nint comm, out int size) => MPI_Comm_size((int)comm, out size);
    public override int Send(void* buffer, int count, nint type, int destination, int tag, nint comm) => MPI_Send(buffer, count, (int)type, destination, tag, (int)comm);
    public override int Recv(void* buffer, int count, nint type, int source, int tag, nint comm, void* status) => MPI_Recv(buffer, count, (int)type, source, tag, (int)comm, status);
    public override int Sendrecv(void* send, int sendCount, nint type, int destination, int sendTag, void* receive, int receiveCount, int source, int receiveTag, nint comm, void* status) =>
        MPI_Sendrecv(send, sendCount, (int)type, destination, sendTag, receive, receiveCount, (int)type, source, receiveTag, (int)comm, status);
    public override int Isend(void* buffer, int count, nint type, int destination, int tag, nint comm, out nint request)
    {
        int code = MPI_Isend(buffer, count, (int)type, destination, tag, (int)comm, out int handle);
        request = handle;
        return code;
    }
    public override int Irecv(void* buffer, int count, nint type, int source, int tag, nint comm, out nint request)
    {
        int code = MPI_Irecv(buffer, count, (int)type, source, tag, (int)comm, out int handle);
        request = handle;
        return code;
    }
    public override int Wait(ref nint request, void* status)
    {
        int handle = (int)request;
        int code = MPI_Wait(ref handle, status);
        request = handle;
        return code;
    }
    public override int GetCount(void* status, nint type, out int count) => MPI_Get_count(status, (int)type, out count);
    public override int Barrier(nint comm) => MPI_Barrier((int)comm);
    public override int Allreduce(void* send, void* receive, int count, nint type, nint op, nint comm) => MPI_Allreduce(send, receive, count, (int)type, (int)op, (int)comm);

    [LibraryImport(Library)] private static partial int MPI_Init_thread(int* argc, byte*** argv, int required, out int provided);
    [LibraryImport(Library)] private static partial int MPI_Initialized(out int flag);
    [LibraryImport(Library)] private static partial int MPI_Finalized(out int flag);
    [LibraryImport(Library)] private static partial int MPI_Finalize();
    [LibraryImport(Library)] private static partial int MPI_Abort(int comm, int code);
    [LibraryImport(Library)] private static partial int MPI_Comm_rank(int comm, out int rank);
    [LibraryImport(Library)] private static partial int MPI_Comm_size(int comm, out int size);
    [LibraryImport(Library)] private static partial int MPI_Send(void* buffer, int count, int type, int destination, int tag, int comm);
    [LibraryImport(Library)] private static partial int MPI_Recv(void* buffer, int count, int type, int source, int tag, int comm, void* status);
    [LibraryImport(Library)] private static partial int MPI_Sendrecv(void* send, int sendCount, int sendType, int destination, int sendTag, void* receive, int receiveCount, int receiveType, int source, int receiveTag, int comm, void* status);
    [LibraryImport(Library)] private static partial int MPI_Isend(void* buffer, int count, int type, int destination, int tag, int comm, out int request);
    [LibraryImport(Library)] private static partial int MPI_Irecv(void* buffer, int count, int type, int source, int tag, int comm, out int request);
    [LibraryImport(Library)] private static partial int MPI_Wait(ref int request, void* status);
    [LibraryImport(Library)] private static partial int MPI_Get_count(void* status, int type, out int count);
    [LibraryImport(Library)] private static partial int MPI_Barrier(int comm);
    [LibraryImport(Library)] private static partial int MPI_Allreduce(void* send, void* receive, int count, int type, int op, int comm);
}
