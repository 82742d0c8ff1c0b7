namespace Steepest.Distributed;

/// <summary>
/// β and γ measured with data spread over a working set of <paramref name="Bytes"/> bytes: small sets run from cache,
/// large ones from memory.
/// </summary>
/// <param name="Bytes">W, the bytes the measurement cycled through (both ranks together).</param>
/// <param name="Beta">Seconds per byte moved by a message.</param>
/// <param name="Gamma">Seconds per float addition y ← y + x.</param>
/// <param name="Copy">Seconds per byte of a local copy (one rank's memcpy, which a transport may do twice or not at all).</param>
public sealed record WorkingSetRate(long Bytes, double Beta, double Gamma, double Copy = 0);
