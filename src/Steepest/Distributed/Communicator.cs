namespace Steepest.Distributed;

/// <summary>
/// Shared behaviour of the transports: argument checks and a dissemination barrier (⌈log₂ n⌉ rounds of empty
/// messages to rank + 2ᵏ), so a barrier that never completes times out naming the rank it waited for.
/// </summary>
public abstract class Communicator : ICommunicator
{
    /// <summary>Tag reserved for the barrier's messages.</summary>
    protected const int BarrierTag = -1;

    /// <inheritdoc/>
    public abstract int Rank { get; }
    /// <inheritdoc/>
    public abstract int Size { get; }
    /// <inheritdoc/>
    public abstract string Transport { get; }

    /// <inheritdoc/>
    public void Send(ReadOnlySpan<float> data, int destination, int tag) { CheckPeer(destination, tag, nameof(destination)); SendCore(data, destination, tag); }
    /// <inheritdoc/>
    public void Receive(Span<float> data, int source, int tag) { CheckPeer(source, tag, nameof(source)); ReceiveCore(data, source, tag); }
    /// <inheritdoc/>
    public void Send(ReadOnlySpan<byte> data, int destination, int tag) { CheckPeer(destination, tag, nameof(destination)); SendCore(data, destination, tag); }
    /// <inheritdoc/>
    public void Receive(Span<byte> data, int source, int tag) { CheckPeer(source, tag, nameof(source)); ReceiveCore(data, source, tag); }

    /// <inheritdoc/>
    public void SendReceive(ReadOnlySpan<float> send, int destination, int sendTag, Span<float> receive, int source, int receiveTag)
    {
        CheckPeer(destination, sendTag, nameof(destination));
        CheckPeer(source, receiveTag, nameof(source));
        SendReceiveCore(send, destination, sendTag, receive, source, receiveTag);
    }

    /// <inheritdoc/>
    public void SendReceive(ReadOnlySpan<byte> send, int destination, int sendTag, Span<byte> receive, int source, int receiveTag)
    {
        CheckPeer(destination, sendTag, nameof(destination));
        CheckPeer(source, receiveTag, nameof(source));
        SendReceiveCore(send, destination, sendTag, receive, source, receiveTag);
    }

    /// <inheritdoc/>
    public CommRequest SendAsync(ReadOnlyMemory<float> data, int destination, int tag) { CheckPeer(destination, tag, nameof(destination)); return SendAsyncCore(data, destination, tag); }
    /// <inheritdoc/>
    public CommRequest ReceiveAsync(Memory<float> data, int source, int tag) { CheckPeer(source, tag, nameof(source)); return ReceiveAsyncCore(data, source, tag); }
    /// <inheritdoc/>
    public CommRequest SendAsync(ReadOnlyMemory<byte> data, int destination, int tag) { CheckPeer(destination, tag, nameof(destination)); return SendAsyncCore(data, destination, tag); }
    /// <inheritdoc/>
    public CommRequest ReceiveAsync(Memory<byte> data, int source, int tag) { CheckPeer(source, tag, nameof(source)); return ReceiveAsyncCore(data, source, tag); }

    /// <inheritdoc/>
    public virtual void Barrier()
    {
        Span<byte> none = [];
        for (int distance = 1; distance < Size; distance *= 2)
            SendReceiveCore(none, (Rank + distance) % Size, BarrierTag, none, (Rank - distance + Size) % Size, BarrierTag);
    }

    // One generic hook per operation: the public float and byte overloads both land here, so a transport writes
    // each operation once (T is float or byte).
    /// <summary>Transport send of <paramref name="data"/> (float or byte values).</summary>
    protected abstract void SendCore<T>(ReadOnlySpan<T> data, int destination, int tag) where T : unmanaged;
    /// <summary>Transport receive into <paramref name="data"/>.</summary>
    protected abstract void ReceiveCore<T>(Span<T> data, int source, int tag) where T : unmanaged;
    /// <summary>Transport exchange: send <paramref name="send"/> while receiving into <paramref name="receive"/>.</summary>
    protected abstract void SendReceiveCore<T>(ReadOnlySpan<T> send, int destination, int sendTag, Span<T> receive, int source, int receiveTag) where T : unmanaged;
    /// <summary>Transport non-blocking send.</summary>
    protected abstract CommRequest SendAsyncCore<T>(ReadOnlyMemory<T> data, int destination, int tag) where T : unmanaged;
    /// <summary>Transport non-blocking receive.</summary>
    protected abstract CommRequest ReceiveAsyncCore<T>(Memory<T> data, int source, int tag) where T : unmanaged;

    /// <inheritdoc/>
    public virtual void Dispose() => GC.SuppressFinalize(this);

    private void CheckPeer(int peer, int tag, string parameter)
    {
        if ((uint)peer >= (uint)Size) throw new ArgumentOutOfRangeException(parameter, peer, $"rank {peer} does not exist in a group of {Size}");
        if (tag < 0) throw new ArgumentOutOfRangeException(nameof(tag), tag, "tags must be ≥ 0 (negative tags are reserved for the transport)");
    }
}
