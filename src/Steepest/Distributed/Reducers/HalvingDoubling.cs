using Steepest.LinearAlgebra;

namespace Steepest.Distributed.Reducers;

/// <summary>
/// Rabenseifner's all-reduce: a reduce-scatter by recursive halving (log₂ n exchanges of half the current segment with
/// rank ^ 2ᵏ), then an all-gather by recursive doubling. When n is not a power of two, the first 2r ranks
/// (r = n − 2^⌊log₂ n⌋) fold pairwise first: even ranks hand their gradient to the odd neighbour and sit out, then get
/// the result back at the end. Messages: 2n·log₂n for a power of two, else 2m·log₂m + 2(n − m) with m = 2^⌊log₂ n⌋.
/// </summary>
public sealed class HalvingDoubling(ICommunicator communicator) : GradientReducer(communicator)
{
    private const int Tag = 40;
    private Memory<float> incoming;

    /// <inheritdoc/>
    public override string Name => "halving-doubling";

    /// <inheritdoc/>
    public override void Average(Span<float> gradient)
    {
        int n = Communicator.Size, rank = Communicator.Rank, p = gradient.Length;
        if (n == 1) return;
        int core = HighestPowerOfTwo(n), extra = n - core;
        var scratch = Ensure(ref incoming, p).Span;

        int virtualRank;
        if (rank < 2 * extra)
        {
            if (rank % 2 == 0)
            {
                CountFloats(p);
                Communicator.Send(gradient, rank + 1, Tag);
                Communicator.Receive(gradient, rank + 1, Tag);
                return;
            }
            Communicator.Receive(scratch[..p], rank - 1, Tag);
            InCacheArithmetic.Add(gradient, scratch[..p]);
            virtualRank = rank / 2;
        }
        else virtualRank = rank - extra;

        for (int mask = core / 2; mask >= 1; mask /= 2)
        {
            var (keepLo, keepHi) = Segment(p, core, virtualRank, mask);
            var (sendLo, sendHi) = Segment(p, core, virtualRank ^ mask, mask);
            Span<float> received = scratch[..(keepHi - keepLo)];
            SendReceive(gradient[sendLo..sendHi], Actual(virtualRank ^ mask, extra), received, Actual(virtualRank ^ mask, extra), Tag);
            Span<float> kept = gradient[keepLo..keepHi];
            // The last halving step (mask 1) finishes this rank's segment: divide in the same pass.
            if (mask == 1) InCacheArithmetic.AddThenScale(kept, received, 1f / n);
            else InCacheArithmetic.Add(kept, received);
        }
        for (int mask = 1; mask < core; mask *= 2)
        {
            var (mineLo, mineHi) = Segment(p, core, virtualRank, mask);
            var (theirsLo, theirsHi) = Segment(p, core, virtualRank ^ mask, mask);
            int partner = Actual(virtualRank ^ mask, extra);
            SendReceive(gradient[mineLo..mineHi], partner, gradient[theirsLo..theirsHi], partner, Tag);
        }
        if (rank < 2 * extra)
        {
            CountFloats(p);
            Communicator.Send(gradient, rank - 1, Tag);
        }
    }

    /// <summary>The segment a virtual rank holds after the halving steps down to <paramref name="lowestMask"/>.</summary>
    private static (int Lo, int Hi) Segment(int p, int core, int virtualRank, int lowestMask)
    {
        int lo = 0, hi = p;
        for (int mask = core / 2; mask >= lowestMask; mask /= 2)
        {
            int mid = lo + (hi - lo) / 2;
            if ((virtualRank & mask) == 0) hi = mid; else lo = mid;
        }
        return (lo, hi);
    }

    private static int Actual(int virtualRank, int extra) => virtualRank < extra ? 2 * virtualRank + 1 : virtualRank + extra;

    private static int HighestPowerOfTwo(int n)
    {
        int power = 1;
        while (power * 2 <= n) power *= 2;
        return power;
    }

    /// <inheritdoc/>
    public override CommunicationPlan Plan(int parameters)
    {
        int n = Communicator.Size, p = parameters;
        if (n == 1) return CommunicationPlan.Silent("0");
        int core = HighestPowerOfTwo(n), extra = n - core;
        long messages = 0, values = 0, min = long.MaxValue, max = 0;
        var sent = new long[n];
        void Count(int rank, long size)
        {
            messages++; values += size; sent[rank] += size;
            min = Math.Min(min, size); max = Math.Max(max, size);
        }
        long criticalMessages = 0, criticalValues = 0, criticalAdditions = 0;
        var steps = new List<CostStep>();
        if (extra > 0)
        {
            for (int r = 0; r < 2 * extra; r += 2) Count(r, p);
            criticalMessages++; criticalValues += p; criticalAdditions += p;
            steps.Add(new CostStep(Concurrent: extra, Messages: 1, MessageBytes: 4L * p, LocalBytes: 0, Additions: p));
        }
        for (int mask = core / 2; mask >= 1; mask /= 2)
        {
            long step = 0;
            for (int v = 0; v < core; v++)
            {
                var (lo, hi) = Segment(p, core, v ^ mask, mask);
                Count(Actual(v, extra), hi - lo);
                step = Math.Max(step, hi - lo);
            }
            criticalMessages++; criticalValues += step; criticalAdditions += step;
            steps.Add(new CostStep(Concurrent: core, Messages: 1, MessageBytes: 4 * step, LocalBytes: 0, Additions: step));
        }
        for (int mask = 1; mask < core; mask *= 2)
        {
            long step = 0;
            for (int v = 0; v < core; v++)
            {
                var (lo, hi) = Segment(p, core, v, mask);
                Count(Actual(v, extra), hi - lo);
                step = Math.Max(step, hi - lo);
            }
            criticalMessages++; criticalValues += step;
            steps.Add(new CostStep(Concurrent: core, Messages: 1, MessageBytes: 4 * step, LocalBytes: 0, Additions: 0));
        }
        if (extra > 0)
        {
            for (int r = 1; r < 2 * extra; r += 2) Count(r, p);
            criticalMessages++; criticalValues += p;
            steps.Add(new CostStep(Concurrent: extra, Messages: 1, MessageBytes: 4L * p, LocalBytes: 0, Additions: 0));
        }
        string formula = extra == 0 ? "2n·log₂n" : "2m·log₂m + 2(n−m)";
        return new CommunicationPlan(
            Messages: messages,
            MessagesFormula: formula,
            MessageValuesMin: min,
            MessageValuesMax: max,
            TotalBytes: 4 * values,
            BytesPerWorker: 4 * sent.Max(),
            CriticalMessages: criticalMessages,
            CriticalBytes: 4 * criticalValues,
            CriticalAdditions: criticalAdditions)
        {
            // Folding pairs run `extra` transfers at once; each halving or doubling exchange runs the core's 2^⌊log₂ n⌋.
            Steps = steps,
            WorkingSetBytes = 8L * p * n,
        };
    }
}
