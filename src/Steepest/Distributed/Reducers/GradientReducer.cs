using Steepest.LinearAlgebra;

namespace Steepest.Distributed.Reducers;

/// <summary>Shared plumbing of the reducers: the communicator, the traffic counter, and counted sends.</summary>
public abstract class GradientReducer(ICommunicator communicator) : IGradientReducer
{
    /// <summary>The communicator this rank's reducer talks through.</summary>
    protected ICommunicator Communicator { get; } = communicator ?? throw new ArgumentNullException(nameof(communicator));

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual int Workers => Communicator.Size;

    /// <inheritdoc/>
    public TrafficCounter Traffic { get; } = new();

    /// <inheritdoc/>
    public abstract void Average(Span<float> gradient);

    /// <inheritdoc/>
    public abstract CommunicationPlan Plan(int parameters);

    /// <summary>Counts a message of float values.</summary>
    protected void CountFloats(int values) => Traffic.Record(values, 4L * values);

    /// <summary>Exchange with counting of the outgoing message.</summary>
    protected void SendReceive(ReadOnlySpan<float> send, int destination, Span<float> receive, int source, int tag)
    {
        CountFloats(send.Length);
        Communicator.SendReceive(send, destination, tag, receive, source, tag);
    }

    /// <summary>
    /// Reusable scratch of at least <paramref name="length"/> floats, starting on a 64-byte boundary (see
    /// <see cref="AlignedMemory"/>): messages into it from another rank's aligned buffer are copied at full speed.
    /// </summary>
    protected static Memory<float> Ensure(ref Memory<float> buffer, int length)
    {
        if (buffer.Length < length) buffer = AlignedMemory.Allocate<float>(length);
        return buffer;
    }
}
