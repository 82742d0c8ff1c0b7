namespace Steepest.Distributed;

/// <summary>
/// One calibration measurement: <paramref name="Concurrent"/> transfers of the same size running at once, each taking
/// <paramref name="Seconds"/> one way, <paramref name="Slowdown"/> times as long as a single transfer alone.
/// </summary>
/// <param name="Concurrent">k, the transfers in flight together.</param>
/// <param name="Pattern">How they were arranged: "ping-pong" (k pairs, one direction at a time) or "exchange" (k/2 pairs sending both ways at once).</param>
/// <param name="Seconds">One-way time of one message of the slowest stream.</param>
/// <param name="Slowdown">c(k) = Seconds / (the one-pair ping-pong's one-way time).</param>
public sealed record ContentionSample(int Concurrent, string Pattern, double Seconds, double Slowdown)
{
    /// <summary>t₀(k): one-way time of an empty message with the same k streams in flight, seconds.</summary>
    public double LatencySeconds { get; init; }
}
