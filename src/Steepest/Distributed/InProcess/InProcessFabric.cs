namespace Steepest.Distributed.InProcess;

/// <summary>The state shared by the ranks of one in-process group: a mailbox per rank, the timeout, and the abort switch.</summary>
internal sealed class InProcessFabric
{
    private readonly CancellationTokenSource abort = new();
    private int failedRank = -1;
    private Exception? failure;

    public InProcessFabric(int size, TimeSpan timeout)
    {
        Size = size;
        Timeout = timeout;
        Mailboxes = Enumerable.Range(0, size).Select(_ => new Mailbox()).ToArray();
    }

    public int Size { get; }
    public TimeSpan Timeout { get; }
    public Mailbox[] Mailboxes { get; }
    public CancellationToken Aborted => abort.Token;

    /// <summary>The first failure wins; every rank's pending and future waits are cancelled.</summary>
    public void Abort(int rank, Exception cause)
    {
        if (Interlocked.CompareExchange(ref failedRank, rank, -1) == -1)
        {
            failure = cause;
            abort.Cancel();
        }
    }

    public (int Rank, Exception Cause)? FirstFailure => failedRank < 0 ? null : (failedRank, failure!);

    public CommunicationAbortedException AbortedException() => new(failedRank, failure!);
}
