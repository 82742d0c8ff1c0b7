namespace Steepest.Distributed.Reducers;

/// <summary>
/// One stage of a reduction's critical path, as the contention model prices it: while it runs, <paramref name="Concurrent"/>
/// ranks move data through the one memory system at once, and the critical rank sends or receives
/// <paramref name="Messages"/> messages of <paramref name="MessageBytes"/> bytes in all, streams
/// <paramref name="LocalBytes"/> bytes through local copies and scalings, and adds <paramref name="Additions"/> values.
/// The stage happens <paramref name="Times"/> times in a row.
/// </summary>
/// <param name="Concurrent">k, the transfers (or local passes) running at the same time during the stage.</param>
/// <param name="Messages">Messages on the critical path in one occurrence.</param>
/// <param name="MessageBytes">Bytes those messages carry.</param>
/// <param name="LocalBytes">Bytes the critical rank copies or scales locally (a pass that reads and writes each byte once).</param>
/// <param name="Additions">Values the critical rank adds (y ← y + x).</param>
/// <param name="Times">How many times the stage repeats.</param>
public sealed record CostStep(int Concurrent, long Messages, long MessageBytes, long LocalBytes, long Additions, int Times = 1);
