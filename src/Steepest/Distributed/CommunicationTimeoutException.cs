namespace Steepest.Distributed;

/// <summary>A send or receive was never matched within the transport's timeout; the message names both ranks.</summary>
public sealed class CommunicationTimeoutException(string message) : CommunicationException(message);
