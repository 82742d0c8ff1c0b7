using Steepest.LinearAlgebra;

namespace Steepest.Distributed.Reducers;

/// <summary>
/// n workers and a separate server rank (the last rank of an n+1 group): each worker uploads its gradient, the server
/// adds them in rank order, divides, and sends the average back. 2n messages of p values. The server's own Average
/// call ignores its input and returns the average too.
/// </summary>
public sealed class ParameterServer : GradientReducer
{
    private const int UploadTag = 20, DownloadTag = 21;
    private Memory<float> incoming, sum;

    /// <summary>Binds to a communicator of at least 2 ranks: Size − 1 workers and the server at rank Size − 1.</summary>
    public ParameterServer(ICommunicator communicator) : base(communicator)
    {
        if (communicator.Size < 2) throw new ArgumentException("a parameter server needs at least one worker and the server");
    }

    /// <inheritdoc/>
    public override string Name => "parameter-server";

    /// <summary>n = Size − 1: the server holds no gradient of its own.</summary>
    public override int Workers => Communicator.Size - 1;

    /// <summary>The server's rank.</summary>
    public int ServerRank => Communicator.Size - 1;

    /// <inheritdoc/>
    public override void Average(Span<float> gradient)
    {
        int p = gradient.Length, n = Workers;
        if (Communicator.Rank != ServerRank)
        {
            CountFloats(p);
            Communicator.Send(gradient, ServerRank, UploadTag);
            Communicator.Receive(gradient, ServerRank, DownloadTag);
            return;
        }
        var total = Ensure(ref sum, p)[..p];
        Span<float> received = Ensure(ref incoming, p).Span[..p];
        for (int worker = 0; worker < n; worker++)
        {
            Communicator.Receive(received, worker, UploadTag);
            if (worker == 0) BlockCopy.Copy<float>(received, total.Span);
            else InCacheArithmetic.Add(total.Span, received);
        }
        InCacheArithmetic.Scale(total.Span, 1f / n);
        var requests = new List<CommRequest>(n);
        for (int worker = 0; worker < n; worker++)
        {
            CountFloats(p);
            requests.Add(Communicator.SendAsync(total, worker, DownloadTag));
        }
        CommRequest.WaitAll(requests);
        BlockCopy.Copy<float>(total.Span, gradient);
    }

    /// <inheritdoc/>
    public override CommunicationPlan Plan(int parameters)
    {
        long n = Workers, p = parameters;
        // The server handles every upload and download in turn: its 2n messages and n·p additions are the critical path.
        return new CommunicationPlan(
            Messages: 2 * n,
            MessagesFormula: "2n",
            MessageValuesMin: p,
            MessageValuesMax: p,
            TotalBytes: 8 * p * n,
            BytesPerWorker: 4 * p,
            CriticalMessages: 2 * n,
            CriticalBytes: 8 * p * n,
            CriticalAdditions: n * p)
        {
            // One stream at a time: the server copies each upload in, then each download out, while the workers wait.
            Steps = [new CostStep(Concurrent: 1, Messages: 2 * n, MessageBytes: 8 * p * n, LocalBytes: 12 * p, Additions: (n - 1) * p)],
            WorkingSetBytes = 4 * p * (n + 3),
        };
    }
}
