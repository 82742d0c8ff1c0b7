namespace Steepest.Distributed.Reducers;

/// <summary>Counts what a reducer sends: messages (empty ones included), values, bytes, and the message-size range.</summary>
public sealed class TrafficCounter
{
    /// <summary>Messages sent, zero-length ones included.</summary>
    public long Messages { get; private set; }

    /// <summary>Messages that carried at least one value.</summary>
    public long NonEmptyMessages { get; private set; }

    /// <summary>Gradient values carried (a packed sign bit counts as one value).</summary>
    public long Values { get; private set; }

    /// <summary>Payload bytes sent.</summary>
    public long Bytes { get; private set; }

    /// <summary>Smallest message, in values (0 when nothing was sent).</summary>
    public long MinMessageValues => Messages == 0 ? 0 : min;

    /// <summary>Largest message, in values.</summary>
    public long MaxMessageValues { get; private set; }

    /// <summary>Smallest message, in bytes (0 when nothing was sent).</summary>
    public long MinMessageBytes => Messages == 0 ? 0 : minBytes;

    /// <summary>Largest message, in bytes.</summary>
    public long MaxMessageBytes { get; private set; }

    private long min = long.MaxValue, minBytes = long.MaxValue;

    /// <summary>Records one message of <paramref name="values"/> values in <paramref name="bytes"/> bytes.</summary>
    public void Record(long values, long bytes)
    {
        Messages++;
        if (values > 0) NonEmptyMessages++;
        Values += values;
        Bytes += bytes;
        min = Math.Min(min, values);
        MaxMessageValues = Math.Max(MaxMessageValues, values);
        minBytes = Math.Min(minBytes, bytes);
        MaxMessageBytes = Math.Max(MaxMessageBytes, bytes);
    }

    /// <summary>Adds another counter's totals into this one (to sum over ranks).</summary>
    public void Add(TrafficCounter other)
    {
        if (other.Messages == 0) return;
        Messages += other.Messages;
        NonEmptyMessages += other.NonEmptyMessages;
        Values += other.Values;
        Bytes += other.Bytes;
        min = Math.Min(min, other.min);
        MaxMessageValues = Math.Max(MaxMessageValues, other.MaxMessageValues);
        minBytes = Math.Min(minBytes, other.minBytes);
        MaxMessageBytes = Math.Max(MaxMessageBytes, other.MaxMessageBytes);
    }

    /// <summary>Zeroes every count.</summary>
    public void Reset()
    {
        Messages = NonEmptyMessages = Values = Bytes = MaxMessageValues = MaxMessageBytes = 0;
        min = minBytes = long.MaxValue;
    }
}
