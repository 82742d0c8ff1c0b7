namespace Steepest.Distributed;

/// <summary>Another rank failed, so this rank's pending and future operations were cancelled.</summary>
public sealed class CommunicationAbortedException(int failedRank, Exception cause)
    : CommunicationException($"aborted because rank {failedRank} failed: {cause.Message}", cause)
{
    /// <summary>The rank whose failure aborted the group.</summary>
    public int FailedRank { get; } = failedRank;
}
