using Steepest.LinearAlgebra;

namespace Steepest.Distributed.Reducers;

/// <summary>
/// Every worker sends its whole gradient to every other worker and averages locally: n(n−1) messages of p values.
/// Each rank adds the n gradients in rank order, so all ranks end with bitwise-identical averages.
/// </summary>
public sealed class AllToAll(ICommunicator communicator) : GradientReducer(communicator)
{
    private const int Tag = 10;
    private Memory<float> outgoing, incoming, sum;

    /// <inheritdoc/>
    public override string Name => "all-to-all";

    /// <inheritdoc/>
    public override void Average(Span<float> gradient)
    {
        int n = Communicator.Size, rank = Communicator.Rank, p = gradient.Length;
        var own = Ensure(ref outgoing, p)[..p];
        BlockCopy.Copy<float>(gradient, own.Span);
        var requests = new List<CommRequest>(n - 1);
        for (int peer = 0; peer < n; peer++)
        {
            if (peer == rank) continue;
            CountFloats(p);
            requests.Add(Communicator.SendAsync(own, peer, Tag));
        }
        Span<float> total = Ensure(ref sum, p).Span[..p];
        Span<float> received = Ensure(ref incoming, p).Span[..p];
        for (int source = 0; source < n; source++)
        {
            ReadOnlySpan<float> contribution = own.Span;
            if (source != rank)
            {
                Communicator.Receive(received, source, Tag);
                contribution = received;
            }
            if (source == 0) BlockCopy.Copy(contribution, total);
            else InCacheArithmetic.Add(total, contribution);
        }
        CommRequest.WaitAll(requests);
        // Ordinary stores: TensorPrimitives writes a large result past the cache, and the average is read right after.
        InCacheArithmetic.Scale(total, 1f / n, gradient);
    }

    /// <inheritdoc/>
    public override CommunicationPlan Plan(int parameters)
    {
        long n = Communicator.Size, p = parameters;
        return new CommunicationPlan(
            Messages: n * (n - 1),
            MessagesFormula: "n(n−1)",
            MessageValuesMin: p,
            MessageValuesMax: p,
            TotalBytes: 4 * p * n * (n - 1),
            BytesPerWorker: 4 * p * (n - 1),
            CriticalMessages: n - 1,
            CriticalBytes: 4 * p * (n - 1),
            CriticalAdditions: (n - 1) * p)
        {
            // Every rank receives (and, in process, copies) its n − 1 messages at the same time as the others; around
            // them it copies its gradient out, copies the first contribution into the sum and writes the average back.
            Steps = [new CostStep(Concurrent: (int)n, Messages: n - 1, MessageBytes: 4 * p * (n - 1), LocalBytes: 12 * p, Additions: (n - 1) * p)],
            WorkingSetBytes = 16 * p * n,
        };
    }
}
