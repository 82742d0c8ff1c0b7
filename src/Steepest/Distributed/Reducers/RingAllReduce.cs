using Steepest.LinearAlgebra;

namespace Steepest.Distributed.Reducers;

/// <summary>
/// Reduce-scatter then all-gather around a ring over n chunks (sizes differ by at most one). Step s of the
/// reduce-scatter sends chunk (r − s) mod n to the right neighbour and adds chunk (r − s − 1) mod n from the left;
/// after n − 1 steps rank r owns the finished chunk (r + 1) mod n, which the all-gather passes around. 2(n−1) steps of
/// n messages: 2n(n−1) messages of about p/n values, 2(n−1)/n·p values sent per worker. Empty chunks (p &lt; n) are
/// still sent, so the schedule is always 2(n−1) steps.
/// </summary>
public sealed class RingAllReduce(ICommunicator communicator) : GradientReducer(communicator)
{
    private const int Tag = 30;
    private Memory<float> incoming;

    /// <inheritdoc/>
    public override string Name => "ring";

    /// <inheritdoc/>
    public override void Average(Span<float> gradient)
    {
        int n = Communicator.Size, rank = Communicator.Rank;
        if (n == 1) return;
        var chunks = new ChunkLayout(gradient.Length, n);
        int right = (rank + 1) % n, left = (rank - 1 + n) % n;
        var buffer = Ensure(ref incoming, chunks.Length(0)).Span;
        for (int step = 0; step < n - 1; step++)
        {
            int sendChunk = Mod(rank - step, n), receiveChunk = Mod(rank - step - 1, n);
            Span<float> received = buffer[..chunks.Length(receiveChunk)];
            SendReceive(gradient[chunks.Range(sendChunk)], right, received, left, Tag);
            Span<float> target = gradient[chunks.Range(receiveChunk)];
            // The last addition finishes the owned chunk (r + 1) mod n: divide in the same pass, (a + b)·(1/n), which
            // rounds exactly as adding then dividing does, one sweep over p/n values fewer.
            if (step == n - 2) InCacheArithmetic.AddThenScale(target, received, 1f / n);
            else InCacheArithmetic.Add(target, received);
        }
        for (int step = 0; step < n - 1; step++)
        {
            int sendChunk = Mod(rank + 1 - step, n), receiveChunk = Mod(rank - step, n);
            // The finished chunk from the left lands directly in place: no scratch, no extra copy.
            var send = gradient[chunks.Range(sendChunk)];
            var receive = gradient[chunks.Range(receiveChunk)];
            SendReceive(send, right, receive, left, Tag);
        }
    }

    private static int Mod(int value, int n) => ((value % n) + n) % n;

    /// <inheritdoc/>
    public override CommunicationPlan Plan(int parameters)
    {
        int n = Communicator.Size;
        var chunks = new ChunkLayout(parameters, n);
        long largest = chunks.Length(0), smallest = chunks.Length(n - 1);
        long busiest = 0;
        for (int r = 0; r < n; r++)
            busiest = Math.Max(busiest, 2L * parameters - chunks.Length(Mod(r + 1, n)) - chunks.Length(Mod(r + 2, n)));
        if (n == 1) busiest = 0;
        return new CommunicationPlan(
            Messages: 2L * n * (n - 1),
            MessagesFormula: "2n(n−1)",
            MessageValuesMin: smallest,
            MessageValuesMax: largest,
            TotalBytes: 8L * (n - 1) * parameters,
            BytesPerWorker: 4 * busiest,
            CriticalMessages: 2L * (n - 1),
            CriticalBytes: 8L * (n - 1) * largest,
            CriticalAdditions: (n - 1) * largest)
        {
            // Each of the 2(n − 1) steps has all n ranks passing a chunk to their neighbour at once.
            Steps = n == 1 ? [] :
            [
                new CostStep(Concurrent: n, Messages: 1, MessageBytes: 4 * largest, LocalBytes: 0, Additions: largest, Times: n - 1),
                new CostStep(Concurrent: n, Messages: 1, MessageBytes: 4 * largest, LocalBytes: 0, Additions: 0, Times: n - 1),
            ],
            WorkingSetBytes = 4L * parameters * (n + 1),
        };
    }
}
