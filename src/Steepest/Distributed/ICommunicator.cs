namespace Steepest.Distributed;

/// <summary>
/// Point-to-point messaging among Size ranks, in the style of MPI: messages are matched by (source, tag) and arrive in
/// the order they were sent. Blocking calls return when the data has been delivered (send) or received (receive).
/// Tags ≥ 0 belong to the caller; negative tags are reserved for the transport's own collectives.
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's (or thread's) rank in [0, Size).</summary>
    int Rank { get; }

    /// <summary>Number of ranks.</summary>
    int Size { get; }

    /// <summary>A short name of the transport ("inproc", "mpi").</summary>
    string Transport { get; }

    /// <summary>Sends <paramref name="data"/> to <paramref name="destination"/>; returns once it has been received.</summary>
    void Send(ReadOnlySpan<float> data, int destination, int tag);

    /// <summary>Receives exactly data.Length values from <paramref name="source"/> with <paramref name="tag"/>.</summary>
    void Receive(Span<float> data, int source, int tag);

    /// <summary>Sends bytes; returns once they have been received.</summary>
    void Send(ReadOnlySpan<byte> data, int destination, int tag);

    /// <summary>Receives exactly data.Length bytes.</summary>
    void Receive(Span<byte> data, int source, int tag);

    /// <summary>Sends to one rank while receiving from another, without deadlock (MPI_Sendrecv).</summary>
    void SendReceive(ReadOnlySpan<float> send, int destination, int sendTag, Span<float> receive, int source, int receiveTag);

    /// <summary>Byte form of <see cref="SendReceive(ReadOnlySpan{float}, int, int, Span{float}, int, int)"/>.</summary>
    void SendReceive(ReadOnlySpan<byte> send, int destination, int sendTag, Span<byte> receive, int source, int receiveTag);

    /// <summary>Starts a send; the memory must not change until the request completes.</summary>
    CommRequest SendAsync(ReadOnlyMemory<float> data, int destination, int tag);

    /// <summary>Starts a receive into <paramref name="data"/>.</summary>
    CommRequest ReceiveAsync(Memory<float> data, int source, int tag);

    /// <summary>Starts a byte send.</summary>
    CommRequest SendAsync(ReadOnlyMemory<byte> data, int destination, int tag);

    /// <summary>Starts a byte receive.</summary>
    CommRequest ReceiveAsync(Memory<byte> data, int source, int tag);

    /// <summary>Returns once every rank has entered the barrier.</summary>
    void Barrier();
}
