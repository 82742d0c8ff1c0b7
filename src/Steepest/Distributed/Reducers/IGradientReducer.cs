namespace Steepest.Distributed.Reducers;

/// <summary>
/// A collective that leaves every rank holding the average of all workers' gradients. Every rank of the communicator
/// calls <see cref="Average"/> with a buffer of the same length; on return the buffer holds the result.
/// </summary>
public interface IGradientReducer
{
    /// <summary>The strategy's command-line name ("ring", "all-to-all", …).</summary>
    string Name { get; }

    /// <summary>How many ranks contribute a gradient (the parameter server's extra rank does not).</summary>
    int Workers { get; }

    /// <summary>Replaces <paramref name="gradient"/> on every rank with the average over the workers.</summary>
    void Average(Span<float> gradient);

    /// <summary>Everything this rank has sent through the reducer so far.</summary>
    TrafficCounter Traffic { get; }

    /// <summary>The schedule's message counts and critical path for a gradient of <paramref name="parameters"/> values.</summary>
    CommunicationPlan Plan(int parameters);
}
