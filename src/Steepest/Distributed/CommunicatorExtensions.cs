namespace Steepest.Distributed;

/// <summary>Small collective helpers built from point-to-point messages.</summary>
internal static class CommunicatorExtensions
{
    private const int PairTag = 92;

    /// <summary>Synchronizes a rank with its pair partner rank ^ 1 only (a ping-pong pair), so each timing round starts together.</summary>
    public static void Barrier2(this ICommunicator communicator, int rank)
    {
        Span<byte> none = [];
        int peer = rank ^ 1;
        communicator.SendReceive(none, peer, PairTag, none, peer, PairTag);
    }
}
