using System.Buffers;

namespace Steepest.Distributed.Mpi;

/// <summary>A non-blocking MPI operation with its pinned buffer; Wait completes it and checks the received count.</summary>
internal sealed unsafe class MpiRequest(MpiLibrary mpi, nint request, MemoryHandle pin, nint type, int expected, bool receive, string description) : CommRequest
{
    private nint handle = request;
    private bool done;

    public override bool IsCompleted => done;

    public override void Wait()
    {
        if (done) return;
        byte* status = stackalloc byte[MpiLibrary.StatusBytes];
        try
        {
            MpiRuntime.Check(mpi.Wait(ref handle, status), "MPI_Wait");
            if (receive) MpiCommunicator.CheckCount(mpi, status, type, expected, description);
        }
        finally
        {
            done = true;
            pin.Dispose();
        }
    }
}
