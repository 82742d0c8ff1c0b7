namespace Steepest.Distributed;

/// <summary>A started non-blocking send or receive; <see cref="Wait"/> completes it (or throws the transport's error).</summary>
public abstract class CommRequest
{
    /// <summary>True once the operation has completed (successfully or not).</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Blocks until the operation completes; throws on timeout, abort or mismatch.</summary>
    public abstract void Wait();

    /// <summary>Waits for every request, in order; the first failure is thrown after all have been waited on or withdrawn.</summary>
    public static void WaitAll(IEnumerable<CommRequest> requests)
    {
        Exception? first = null;
        foreach (var request in requests)
        {
            try { request.Wait(); }
            catch (Exception e) { first ??= e; }
        }
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
    }
}
