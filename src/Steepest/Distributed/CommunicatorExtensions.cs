namespace Steepest.Distributed;

/// <summary>Small collective helpers built from point-to-point messages.</summary>
internal static class CommunicatorExtensions
{
    private const int PairTag = 92;

    /// <summary>Synchronizes ranks 0 and 1 only (the ping-pong pair), so each timing round starts together.</summary>
    public static void Barrier2(this ICommunicator communicator, int rank)
    {
        Span<byte> none = [];
        int peer = 1 - rank;
        communicator.SendReceive(none, peer, PairTag, none, peer, PairTag);
    }
}
