using System.Runtime.Intrinsics;

namespace Steepest.Distributed.Reducers;

/// <summary>
/// signSGD with majority vote (Bernstein et al. 2018): every worker sends the signs of its gradient packed at 1 bit per
/// value (32× fewer bytes than fp32) to every other worker, and each computes the elementwise majority.
/// </summary>
/// <remarks>
/// <para>Encoding: bit i is 1 when xᵢ ≥ 0, so a zero (or NaN-free value of either sign) always votes. The result is
/// +1 when at least half of the n workers voted +1 and −1 otherwise: an exact tie (even n) is broken toward +1, since the
/// 1-bit wire format has no zero.</para>
/// <para>With error feedback (Karimireddy et al. 2019) each worker votes with x = g + e and keeps the compression error
/// e ← x − (‖x‖₁/p)·sign(x) for its next call, so what the sign discards is not lost.</para>
/// </remarks>
public sealed class SignMajority(ICommunicator communicator, bool errorFeedback = false) : GradientReducer(communicator)
{
    private const int Tag = 50;
    private byte[]? own, incoming;
    private int[]? votes;
    private float[]? error;

    /// <inheritdoc/>
    public override string Name => "sign";

    /// <summary>Whether the compression error is fed back into the next gradient.</summary>
    public bool ErrorFeedback { get; } = errorFeedback;

    /// <summary>Bytes on the wire for p values: ⌈p/32⌉ 32-bit words.</summary>
    public static int PackedBytes(int parameters) => 4 * ((parameters + 31) / 32);

    /// <summary>Replaces the gradient with the majority sign (±1) of the workers' gradients.</summary>
    public override void Average(Span<float> gradient)
    {
        int n = Communicator.Size, rank = Communicator.Rank, p = gradient.Length, bytes = PackedBytes(p);
        if (own is null || own.Length != bytes) { own = new byte[bytes]; incoming = new byte[bytes]; votes = new int[p]; }
        Span<float> input = gradient;
        if (ErrorFeedback)
        {
            if (error is null || error.Length != p) error = new float[p];
            for (int i = 0; i < p; i++) gradient[i] += error[i];
            double l1 = 0;
            for (int i = 0; i < p; i++) l1 += Math.Abs(gradient[i]);
            float scale = (float)(l1 / p);
            for (int i = 0; i < p; i++) error[i] = gradient[i] - (gradient[i] >= 0 ? scale : -scale);
        }
        Pack(input, own);

        var requests = new List<CommRequest>(n - 1);
        for (int peer = 0; peer < n; peer++)
        {
            if (peer == rank) continue;
            Traffic.Record(p, bytes);
            requests.Add(Communicator.SendAsync(own.AsMemory(), peer, Tag));
        }
        Array.Clear(votes!);
        for (int source = 0; source < n; source++)
        {
            byte[] bits = own;
            if (source != rank)
            {
                Communicator.Receive(incoming.AsSpan(), source, Tag);
                bits = incoming!;
            }
            AddVotes(bits, votes!, p);
        }
        CommRequest.WaitAll(requests);
        Decide(votes!, n, gradient);
    }

    /// <summary>gᵢ = +1 when 2·votesᵢ ≥ n (ties go positive), else −1.</summary>
    private static void Decide(ReadOnlySpan<int> votes, int n, Span<float> gradient)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var half = Vector256.Create(n);
            for (; i + 8 <= gradient.Length; i += 8)
            {
                var positive = Vector256.GreaterThanOrEqual(Vector256.Create(votes.Slice(i, 8)) * 2, half).AsSingle();
                Vector256.ConditionalSelect(positive, Vector256<float>.One, -Vector256<float>.One).CopyTo(gradient.Slice(i, 8));
            }
        }
        for (; i < gradient.Length; i++) gradient[i] = 2 * votes[i] >= n ? 1f : -1f;
    }

    /// <summary>Bit i of the little-endian 32-bit word i/32 is 1 when xᵢ ≥ 0.</summary>
    public static void Pack(ReadOnlySpan<float> values, Span<byte> packed)
    {
        packed.Clear();
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight comparisons at once; their sign bits are the next eight bits of the stream.
            for (; i + 8 <= values.Length; i += 8)
            {
                var positive = Vector256.GreaterThanOrEqual(Vector256.Create(values.Slice(i, 8)), Vector256<float>.Zero);
                packed[i >> 3] = (byte)positive.ExtractMostSignificantBits();
            }
        }
        for (; i < values.Length; i++)
            if (values[i] >= 0) packed[i >> 3] |= (byte)(1 << (i & 7));
    }

    /// <summary>votes[i] += bit i: each packed byte is spread over eight int lanes and compared with its lane's bit.</summary>
    private static void AddVotes(ReadOnlySpan<byte> packed, Span<int> votes, int p)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            for (; i + 8 <= p; i += 8)
            {
                var set = Vector256.Equals(Vector256.Create((int)packed[i >> 3]) & lanes, lanes); // −1 where the bit is set
                (Vector256.Create(votes.Slice(i, 8)) - set).CopyTo(votes.Slice(i, 8));
            }
        }
        for (; i < p; i++) votes[i] += (packed[i >> 3] >> (i & 7)) & 1;
    }

    /// <inheritdoc/>
    public override CommunicationPlan Plan(int parameters)
    {
        long n = Communicator.Size, p = parameters, bytes = PackedBytes(parameters);
        return new CommunicationPlan(
            Messages: n * (n - 1),
            MessagesFormula: "n(n−1)",
            MessageValuesMin: p,
            MessageValuesMax: p,
            TotalBytes: bytes * n * (n - 1),
            BytesPerWorker: bytes * (n - 1),
            CriticalMessages: n - 1,
            CriticalBytes: bytes * (n - 1),
            CriticalAdditions: n * p)
        {
            // Packing, clearing the votes and deciding are three local passes over p values; the votes add n bit vectors.
            Steps = [new CostStep(Concurrent: (int)n, Messages: n - 1, MessageBytes: bytes * (n - 1), LocalBytes: 12 * p, Additions: n * p)],
            WorkingSetBytes = n * (8 * p + 2 * bytes),
        };
    }
}
