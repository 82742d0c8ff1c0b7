using Steepest.Distributed.Reducers;

namespace Steepest.Distributed;

/// <summary>One strategy run for real: what it sent (counted), how long it took, what the model predicted, how exact it was.</summary>
public sealed record ReductionMeasurement
{
    /// <summary>Strategy name.</summary>
    public required string Strategy { get; init; }
    /// <summary>n, the gradient-holding workers.</summary>
    public required int Workers { get; init; }
    /// <summary>Ranks used (n, or n + 1 with a parameter server).</summary>
    public required int Ranks { get; init; }
    /// <summary>p, values per gradient.</summary>
    public required int Parameters { get; init; }
    /// <summary>The schedule's own counts and critical path.</summary>
    public required CommunicationPlan Plan { get; init; }
    /// <summary>Messages counted over all ranks in one reduction, empty ones included.</summary>
    public required long Messages { get; init; }
    /// <summary>Counted messages that carried at least one value.</summary>
    public required long NonEmptyMessages { get; init; }
    /// <summary>Smallest message in values.</summary>
    public required long MessageValuesMin { get; init; }
    /// <summary>Largest message in values.</summary>
    public required long MessageValuesMax { get; init; }
    /// <summary>Smallest message in bytes.</summary>
    public required long MessageBytesMin { get; init; }
    /// <summary>Largest message in bytes.</summary>
    public required long MessageBytesMax { get; init; }
    /// <summary>Bytes sent by all ranks in one reduction.</summary>
    public required long TotalBytes { get; init; }
    /// <summary>Bytes sent by the busiest worker (the parameter server's own rank excluded).</summary>
    public required long BytesPerWorker { get; init; }
    /// <summary>Bytes sent by the busiest rank, the parameter server included: the load on the busiest link.</summary>
    public long BusiestRankBytes { get; init; }
    /// <summary>Median over repeats of the slowest rank's time for one reduction.</summary>
    public required double Seconds { get; init; }
    /// <summary>The α–β–γ model's prediction for the critical path.</summary>
    public required double ModelSeconds { get; init; }
    /// <summary>
    /// Largest deviation of any rank's result from the exact average, relative to the largest |average| (for sign:
    /// the fraction of values that differ from the exact majority vote).
    /// </summary>
    public required double MaxRelativeError { get; init; }
    /// <summary>FNV-1a hash of the result's bits, identical on every rank: equal across transports means bitwise-equal averages.</summary>
    public required ulong ResultFingerprint { get; init; }
}
