using System.Buffers;

namespace Steepest.Distributed.InProcess;

/// <summary>A posted operation of the in-process transport; Wait enforces the timeout and the group abort.</summary>
internal sealed class InProcessRequest(InProcessFabric fabric, Posting posting, MemoryHandle pin) : CommRequest
{
    private bool finished;

    public override bool IsCompleted => posting.Done.IsSet;

    public override void Wait()
    {
        if (finished) return;
        try
        {
            WaitFor(fabric, posting);
        }
        finally
        {
            finished = true;
            pin.Dispose();
        }
    }

    /// <summary>
    /// Waits until the posting is matched and copied. On timeout or abort it is withdrawn from its mailbox first, so no
    /// partner can later copy through a pointer that is about to be unpinned; if a partner got there first, the
    /// (short) copy is allowed to finish.
    /// </summary>
    public static void WaitFor(InProcessFabric fabric, Posting posting)
    {
        bool timedOut;
        try
        {
            timedOut = !posting.Done.Wait(fabric.Timeout, fabric.Aborted);
        }
        catch (OperationCanceledException)
        {
            if (!fabric.Mailboxes[posting.Destination].Withdraw(posting)) posting.Done.Wait();
            throw fabric.AbortedException();
        }
        if (timedOut)
        {
            if (fabric.Mailboxes[posting.Destination].Withdraw(posting))
                throw new CommunicationTimeoutException(
                    $"{posting.Describe()} timed out after {fabric.Timeout.TotalSeconds:G3} s: rank {(posting.IsSend ? posting.Destination : posting.Source)} never posted the matching {(posting.IsSend ? "receive" : "send")}");
            posting.Done.Wait();
        }
        if (posting.Error is not null) throw posting.Error;
    }
}
