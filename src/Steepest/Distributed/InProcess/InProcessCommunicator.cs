using System.Buffers;
using System.Runtime.InteropServices;

namespace Steepest.Distributed.InProcess;

/// <summary>One rank of an in-process group: a thread that talks to the others through the shared fabric.</summary>
internal sealed unsafe class InProcessCommunicator(InProcessFabric fabric, int rank) : Communicator
{
    public override int Rank { get; } = rank;
    public override int Size => fabric.Size;
    public override string Transport => "inproc";

    private Posting Post<T>(bool isSend, int peer, int tag, void* pointer, int length) where T : unmanaged
    {
        var posting = isSend
            ? new Posting(true, Rank, peer, tag, pointer, length, sizeof(T), typeof(T).Name)
            : new Posting(false, peer, Rank, tag, pointer, length, sizeof(T), typeof(T).Name);
        if (fabric.Aborted.IsCancellationRequested) throw fabric.AbortedException();
        fabric.Mailboxes[posting.Destination].Post(posting);
        return posting;
    }

    private void Blocking<T>(bool isSend, ReadOnlySpan<T> data, int peer, int tag) where T : unmanaged
    {
        fixed (T* pointer = data)
            InProcessRequest.WaitFor(fabric, Post<T>(isSend, peer, tag, pointer, data.Length));
    }

    private void Exchange<T>(ReadOnlySpan<T> send, int destination, int sendTag, Span<T> receive, int source, int receiveTag) where T : unmanaged
    {
        fixed (T* sendPointer = send)
        fixed (T* receivePointer = receive)
        {
            var outgoing = Post<T>(true, destination, sendTag, sendPointer, send.Length);
            Posting incoming;
            try
            {
                incoming = Post<T>(false, source, receiveTag, receivePointer, receive.Length);
            }
            catch
            {
                // The send is still posted with a pointer into our stack frame: withdraw it (or let its copy finish).
                if (!fabric.Mailboxes[destination].Withdraw(outgoing)) outgoing.Done.Wait();
                throw;
            }
            Exception? first = null;
            foreach (var posting in (Posting[])[incoming, outgoing])
            {
                try { InProcessRequest.WaitFor(fabric, posting); }
                catch (Exception e) { first ??= e; }
            }
            if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private CommRequest Start<T>(bool isSend, ReadOnlyMemory<T> data, int peer, int tag) where T : unmanaged
    {
        var pin = data.Pin();
        try
        {
            return new InProcessRequest(fabric, Post<T>(isSend, peer, tag, pin.Pointer, data.Length), pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    protected override void SendCore<T>(ReadOnlySpan<T> data, int destination, int tag) => Blocking(true, data, destination, tag);
    protected override void ReceiveCore<T>(Span<T> data, int source, int tag) => Blocking<T>(false, data, source, tag);
    protected override void SendReceiveCore<T>(ReadOnlySpan<T> send, int destination, int sendTag, Span<T> receive, int source, int receiveTag) =>
        Exchange(send, destination, sendTag, receive, source, receiveTag);
    protected override CommRequest SendAsyncCore<T>(ReadOnlyMemory<T> data, int destination, int tag) => Start(true, data, destination, tag);
    protected override CommRequest ReceiveAsyncCore<T>(Memory<T> data, int source, int tag) => Start<T>(false, data, source, tag);
}
