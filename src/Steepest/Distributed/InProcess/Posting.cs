namespace Steepest.Distributed.InProcess;

/// <summary>
/// One posted send or receive: where its data lives (pinned for the posting's lifetime), who it is for, and a
/// completion flag. Matching happens under the destination mailbox's lock; the copy happens outside it.
/// </summary>
internal sealed unsafe class Posting(bool isSend, int source, int destination, int tag, void* pointer, int length, int elementSize, string elementName)
{
    public bool IsSend { get; } = isSend;
    public int Source { get; } = source;
    public int Destination { get; } = destination;
    public int Tag { get; } = tag;
    public void* Pointer { get; } = pointer;
    public int Length { get; } = length;
    public int ElementSize { get; } = elementSize;
    public string ElementName { get; } = elementName;
    public ManualResetEventSlim Done { get; } = new(false, spinCount: 100);
    public Exception? Error { get; set; }

    /// <summary>Set under the mailbox lock once a partner has claimed this posting.</summary>
    public bool Matched { get; set; }

    public bool Matches(Posting other) => Source == other.Source && Tag == other.Tag;

    public string Describe() => IsSend
        ? $"rank {Source}: send of {Length} {ElementName} values to rank {Destination} (tag {Tag})"
        : $"rank {Destination}: receive of {Length} {ElementName} values from rank {Source} (tag {Tag})";
}
