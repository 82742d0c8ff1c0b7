namespace Steepest.Distributed;

/// <summary>The reducers by their command-line names: the one place that turns a strategy's name into its reducer and its needs.</summary>
public static class GradientReducers
{
    /// <summary>One strategy: its name, the ranks it needs beyond its workers, and its factory (communicator, error feedback).</summary>
    /// <param name="Name">The command-line name.</param>
    /// <param name="ExtraRanks">Ranks beyond the workers (the parameter server's own rank).</param>
    /// <param name="Title">How a message names it, e.g. "the parameter server".</param>
    /// <param name="Create">This rank's reducer.</param>
    public sealed record Entry(string Name, int ExtraRanks, string Title, Func<ICommunicator, bool, IGradientReducer> Create);

    /// <summary>Every strategy, in the order the commands list them.</summary>
    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("all-to-all", 0, "all-to-all", (c, _) => new AllToAll(c)),
        new("parameter-server", 1, "the parameter server", (c, _) => new ParameterServer(c)),
        new("ring", 0, "the ring", (c, _) => new RingAllReduce(c)),
        new("halving-doubling", 0, "halving-doubling", (c, _) => new HalvingDoubling(c)),
        new("sign", 0, "sign", (c, errorFeedback) => new SignMajority(c, errorFeedback)),
    ];

    /// <summary>ring, all-to-all, parameter-server, halving-doubling, sign.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The named strategy, or null.</summary>
    public static Entry? Find(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>True for a known name.</summary>
    public static bool IsKnown(string name) => Find(name) is not null;

    /// <summary>Ranks needed for <paramref name="workers"/> workers: the workers plus the strategy's extra ranks.</summary>
    public static int RanksFor(string name, int workers) => workers + (Find(name)?.ExtraRanks ?? 0);

    /// <summary>Workers among <paramref name="ranks"/> ranks (mpirun fixes the ranks): the ranks less the strategy's extra ones.</summary>
    public static int WorkersFor(string name, int ranks) => ranks - (Find(name)?.ExtraRanks ?? 0);

    /// <summary>Creates this rank's reducer for the named strategy.</summary>
    public static IGradientReducer Create(string name, ICommunicator communicator, bool errorFeedback = false) =>
        (Find(name) ?? throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}")).Create(communicator, errorFeedback);

    /// <summary>
    /// The named strategy's schedule for <paramref name="workers"/> workers and a p-value gradient, without running it:
    /// a plan depends only on the group's size, so rank 0 of an unconnected in-process group answers.
    /// </summary>
    public static CommunicationPlan Plan(string name, int workers, int parameters)
    {
        var entry = Find(name) ?? throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1);
        var fabric = new InProcess.InProcessFabric(workers + entry.ExtraRanks, InProcessGroup.DefaultTimeout);
        using var rank0 = new InProcess.InProcessCommunicator(fabric, 0);
        return entry.Create(rank0, false).Plan(parameters);
    }
}
