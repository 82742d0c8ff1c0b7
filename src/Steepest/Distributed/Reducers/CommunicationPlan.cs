namespace Steepest.Distributed.Reducers;

/// <summary>
/// What one reduction of a p-value gradient sends, from the algorithm's schedule: totals over all ranks, and the
/// critical path (the longest chain of dependent messages, bytes and additions) that the α–β model prices.
/// </summary>
/// <param name="Messages">Messages sent by all ranks together.</param>
/// <param name="MessagesFormula">The closed form of <paramref name="Messages"/>, e.g. "2n(n−1)".</param>
/// <param name="MessageValuesMin">Smallest message, in values.</param>
/// <param name="MessageValuesMax">Largest message, in values.</param>
/// <param name="TotalBytes">Bytes sent by all ranks together.</param>
/// <param name="BytesPerWorker">Bytes sent by the busiest worker.</param>
/// <param name="CriticalMessages">Messages on the critical path.</param>
/// <param name="CriticalBytes">Bytes on the critical path.</param>
/// <param name="CriticalAdditions">Value additions on the critical path (the reduction arithmetic).</param>
public sealed record CommunicationPlan(
    long Messages, string MessagesFormula, long MessageValuesMin, long MessageValuesMax, long TotalBytes, long BytesPerWorker,
    long CriticalMessages, long CriticalBytes, long CriticalAdditions)
{
    /// <summary>
    /// The critical path stage by stage, with the concurrency each stage has, for the contention model. Empty for a
    /// plan that only knows its totals; the model then prices the totals with no contention.
    /// </summary>
    public IReadOnlyList<CostStep> Steps { get; init; } = [];

    /// <summary>Bytes of the buffers all ranks touch together during one reduction: whether it runs from cache or memory.</summary>
    public long WorkingSetBytes { get; init; }

    /// <summary>A plan that sends nothing: one rank, or a reduction whose schedule the MPI library keeps to itself.</summary>
    public static CommunicationPlan Silent(string messagesFormula) => new(
        Messages: 0, MessagesFormula: messagesFormula, MessageValuesMin: 0, MessageValuesMax: 0, TotalBytes: 0, BytesPerWorker: 0,
        CriticalMessages: 0, CriticalBytes: 0, CriticalAdditions: 0);
}
