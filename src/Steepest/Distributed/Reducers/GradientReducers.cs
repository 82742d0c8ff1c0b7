namespace Steepest.Distributed.Reducers;

/// <summary>The catalogue's strategies by their command-line names (<see cref="ReducerRegistry.Default"/>).</summary>
public static class GradientReducers
{
    /// <summary>Every strategy, in the order the commands list them.</summary>
    public static IReadOnlyList<ReducerEntry> Entries => ReducerRegistry.Default.Entries;

    /// <summary>all-to-all, parameter-server, ring, halving-doubling, sign.</summary>
    public static IReadOnlyList<string> Names => ReducerRegistry.Default.Names;

    /// <summary>The named strategy, or null.</summary>
    public static ReducerEntry? Find(string name) => ReducerRegistry.Default.Find(name);

    /// <summary>True for a known name.</summary>
    public static bool IsKnown(string name) => Find(name) is not null;

    /// <summary>Ranks needed for <paramref name="workers"/> workers: the workers plus the strategy's extra ranks.</summary>
    public static int RanksFor(string name, int workers) => workers + (Find(name)?.ExtraRanks ?? 0);

    /// <summary>Workers among <paramref name="ranks"/> ranks (mpirun fixes the ranks): the ranks less the strategy's extra ones.</summary>
    public static int WorkersFor(string name, int ranks) => ranks - (Find(name)?.ExtraRanks ?? 0);

    /// <summary>Creates this rank's reducer for the named strategy.</summary>
    public static IGradientReducer Create(string name, ICommunicator communicator, bool errorFeedback = false) =>
        ReducerRegistry.Default.Get(name).Create(communicator, errorFeedback);

    /// <summary>The named strategy's schedule for <paramref name="workers"/> workers and a p-value gradient, without running it.</summary>
    public static CommunicationPlan Plan(string name, int workers, int parameters) => ReducerRegistry.Default.Plan(name, workers, parameters);
}
