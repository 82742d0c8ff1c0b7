using Steepest.LinearAlgebra;

namespace Steepest.Distributed.InProcess;

/// <summary>
/// The postings addressed to one rank: sends waiting for a receive, and that rank's receives waiting for a send.
/// Matching takes the first posting with the same (source, tag), so messages never overtake one another.
/// </summary>
internal sealed unsafe class Mailbox
{
    private readonly Lock gate = new();
    private readonly LinkedList<Posting> sends = new();
    private readonly LinkedList<Posting> receives = new();

    public void Post(Posting posting)
    {
        Posting? partner;
        lock (gate)
        {
            var waiting = posting.IsSend ? receives : sends;
            partner = TakeFirst(waiting, posting);
            if (partner is null)
            {
                (posting.IsSend ? sends : receives).AddLast(posting);
                return;
            }
            partner.Matched = true;
            posting.Matched = true;
        }
        if (posting.IsSend) Transfer(posting, partner);
        else Transfer(partner, posting);
    }

    /// <summary>Removes a posting that was never matched (timeout or abort); false if a partner already claimed it.</summary>
    public bool Withdraw(Posting posting)
    {
        lock (gate)
        {
            if (posting.Matched) return false;
            (posting.IsSend ? sends : receives).Remove(posting);
            return true;
        }
    }

    private static Posting? TakeFirst(LinkedList<Posting> list, Posting posting)
    {
        for (var node = list.First; node is not null; node = node.Next)
        {
            if (!node.Value.Matches(posting)) continue;
            list.Remove(node);
            return node.Value;
        }
        return null;
    }

    /// <summary>The one copy of the message: straight from the sender's memory into the receiver's.</summary>
    private static void Transfer(Posting send, Posting receive)
    {
        if (send.ElementName != receive.ElementName || send.Length != receive.Length)
        {
            var error = new CommunicationException(
                $"rank {send.Source} sent {send.Length} {send.ElementName} values with tag {send.Tag} to rank {send.Destination}, " +
                $"which expected {receive.Length} {receive.ElementName} values");
            send.Error = error;
            receive.Error = error;
        }
        else
        {
            long bytes = (long)send.Length * send.ElementSize;
            if (bytes > 0) BlockCopy.Copy(send.Pointer, receive.Pointer, (nuint)bytes);
        }
        send.Done.Set();
        receive.Done.Set();
    }
}
