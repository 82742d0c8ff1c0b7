using System.Runtime.CompilerServices;

namespace Steepest.Distributed.Mpi;

/// <summary>
/// MPI_COMM_WORLD as an <see cref="ICommunicator"/>: each rank is a process started by mpirun. Blocking calls map to
/// MPI_Send/MPI_Recv/MPI_Sendrecv, the non-blocking ones to MPI_Isend/MPI_Irecv, the barrier to MPI_Barrier. Received
/// counts are checked, so a size mismatch is an error as on the in-process transport.
/// </summary>
internal sealed unsafe class MpiCommunicator : Communicator
{
    private readonly MpiLibrary mpi;

    public MpiCommunicator(MpiLibrary mpi)
    {
        this.mpi = mpi;
        MpiRuntime.Check(mpi.CommRank(mpi.World, out int rank), "MPI_Comm_rank");
        MpiRuntime.Check(mpi.CommSize(mpi.World, out int size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    public override int Rank { get; }
    public override int Size { get; }
    public override string Transport => "mpi";

    /// <summary>The world communicator handle, for MPI collectives (MpiNativeAllReduce).</summary>
    internal nint World => mpi.World;
    internal MpiLibrary Library => mpi;

    private nint Type<T>() => typeof(T) == typeof(float) ? mpi.Float : mpi.Byte;

    private void BlockingSend<T>(ReadOnlySpan<T> data, int destination, int tag) where T : unmanaged
    {
        fixed (T* pointer = data) MpiRuntime.Check(mpi.Send(pointer, data.Length, Type<T>(), destination, tag, mpi.World), "MPI_Send");
    }

    private void BlockingReceive<T>(Span<T> data, int source, int tag) where T : unmanaged
    {
        byte* status = stackalloc byte[MpiLibrary.StatusBytes];
        fixed (T* pointer = data) MpiRuntime.Check(mpi.Recv(pointer, data.Length, Type<T>(), source, tag, mpi.World, status), "MPI_Recv");
        CheckCount(mpi, status, Type<T>(), data.Length, $"rank {Rank}: receive from rank {source} (tag {tag})");
    }

    private void Exchange<T>(ReadOnlySpan<T> send, int destination, int sendTag, Span<T> receive, int source, int receiveTag) where T : unmanaged
    {
        byte* status = stackalloc byte[MpiLibrary.StatusBytes];
        fixed (T* s = send)
        fixed (T* r = receive)
            MpiRuntime.Check(mpi.Sendrecv(s, send.Length, Type<T>(), destination, sendTag, r, receive.Length, source, receiveTag, mpi.World, status), "MPI_Sendrecv");
        CheckCount(mpi, status, Type<T>(), receive.Length, $"rank {Rank}: receive from rank {source} (tag {receiveTag})");
    }

    private CommRequest Start<T>(bool send, ReadOnlyMemory<T> data, int peer, int tag) where T : unmanaged
    {
        var pin = data.Pin();
        try
        {
            nint request;
            int code = send
                ? mpi.Isend(pin.Pointer, data.Length, Type<T>(), peer, tag, mpi.World, out request)
                : mpi.Irecv(pin.Pointer, data.Length, Type<T>(), peer, tag, mpi.World, out request);
            MpiRuntime.Check(code, send ? "MPI_Isend" : "MPI_Irecv");
            return new MpiRequest(mpi, request, pin, Type<T>(), data.Length, !send, $"rank {Rank}: receive from rank {peer} (tag {tag})");
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>Throws when a receive got a different number of values than posted (MPI itself only errs on larger).</summary>
    internal static void CheckCount(MpiLibrary mpi, byte* status, nint type, int expected, string description)
    {
        MpiRuntime.Check(mpi.GetCount(status, type, out int count), "MPI_Get_count");
        if (count != expected) throw new CommunicationException($"{description}: got {count} values, expected {expected}");
    }

    protected override void SendCore<T>(ReadOnlySpan<T> data, int destination, int tag) => BlockingSend(data, destination, tag);
    protected override void ReceiveCore<T>(Span<T> data, int source, int tag) => BlockingReceive(data, source, tag);
    protected override void SendReceiveCore<T>(ReadOnlySpan<T> send, int destination, int sendTag, Span<T> receive, int source, int receiveTag) =>
        Exchange(send, destination, sendTag, receive, source, receiveTag);
    protected override CommRequest SendAsyncCore<T>(ReadOnlyMemory<T> data, int destination, int tag) => Start(true, data, destination, tag);
    protected override CommRequest ReceiveAsyncCore<T>(Memory<T> data, int source, int tag) => Start<T>(false, data, source, tag);

    /// <summary>MPI_Barrier.</summary>
    public override void Barrier() => MpiRuntime.Check(mpi.Barrier(mpi.World), "MPI_Barrier");
}
