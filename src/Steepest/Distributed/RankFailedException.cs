namespace Steepest.Distributed;

/// <summary>Thrown by a group runner when a rank's body threw: carries the rank and its original exception.</summary>
public sealed class RankFailedException(int rank, Exception cause) : Exception($"rank {rank} failed: {cause.Message}", cause)
{
    /// <summary>The rank that failed first.</summary>
    public int Rank { get; } = rank;
}
