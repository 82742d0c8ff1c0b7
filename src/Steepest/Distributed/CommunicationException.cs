namespace Steepest.Distributed;

/// <summary>A message could not be delivered: mismatched sizes or types, a timeout, or an aborted group.</summary>
public class CommunicationException(string message, Exception? inner = null) : Exception(message, inner);
