namespace Steepest.Distributed.Mpi;

/// <summary>
/// The MPI calls Steepest uses, over one of the two binary interfaces found on Linux: Open MPI's (handles are pointers
/// to exported objects) and MPICH's (handles are integers; also Intel MPI and Cray MPICH). Handles travel as nint.
/// </summary>
internal abstract unsafe class MpiLibrary
{
    public abstract string Flavor { get; }
    public abstract nint World { get; }
    public abstract nint Float { get; }
    public abstract nint Byte { get; }
    public abstract nint Double { get; }
    public abstract nint Sum { get; }
    public abstract void* InPlace { get; }

    public abstract int InitThread(int required, out int provided);
    public abstract int Initialized(out int flag);
    public abstract int Finalized(out int flag);
    public abstract int Finalize();
    public abstract int Abort(nint comm, int code);
    public abstract int CommRank(nint comm, out int rank);
    public abstract int CommSize(nint comm, out int size);
    public abstract int Send(void* buffer, int count, nint type, int destination, int tag, nint comm);
    public abstract int Recv(void* buffer, int count, nint type, int source, int tag, nint comm, void* status);
    public abstract int Sendrecv(void* send, int sendCount, nint type, int destination, int sendTag,
        void* receive, int receiveCount, int source, int receiveTag, nint comm, void* status);
    public abstract int Isend(void* buffer, int count, nint type, int destination, int tag, nint comm, out nint request);
    public abstract int Irecv(void* buffer, int count, nint type, int source, int tag, nint comm, out nint request);
    public abstract int Wait(ref nint request, void* status);
    public abstract int GetCount(void* status, nint type, out int count);
    public abstract int Barrier(nint comm);
    public abstract int Allreduce(void* send, void* receive, int count, nint type, nint op, nint comm);

    /// <summary>Bytes enough for either library's MPI_Status (Open MPI 24, MPICH 20).</summary>
    public const int StatusBytes = 64;
}
