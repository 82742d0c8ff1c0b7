namespace Steepest.Distributed.Reducers;

/// <summary>
/// The gradient-exchange strategies known by name, and the one place that turns a name into a reducer and its needs.
/// <see cref="Default"/> holds the catalogue; <see cref="With"/> adds one.
/// </summary>
public sealed class ReducerRegistry
{
    private readonly ReducerEntry[] entries;

    /// <summary>A registry of these entries, in the order they are listed.</summary>
    /// <exception cref="ArgumentException">Two entries share a name, or one needs negative extra ranks.</exception>
    public ReducerRegistry(IEnumerable<ReducerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = entries.ToArray();
        var twice = this.entries.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"two strategies are named '{twice.Key}'");
        if (this.entries.FirstOrDefault(e => e.ExtraRanks < 0) is { } bad) throw new ArgumentException($"'{bad.Name}' needs {bad.ExtraRanks} extra ranks; the count must be ≥ 0");
    }

    /// <summary>all-to-all, parameter-server, ring, halving-doubling, sign.</summary>
    public static ReducerRegistry Default { get; } = new(
    [
        new("all-to-all", 0, "all-to-all", (c, _) => new AllToAll(c)),
        new("parameter-server", 1, "the parameter server", (c, _) => new ParameterServer(c)),
        new("ring", 0, "the ring", (c, _) => new RingAllReduce(c)),
        new("halving-doubling", 0, "halving-doubling", (c, _) => new HalvingDoubling(c)),
        new("sign", 0, "sign", (c, errorFeedback) => new SignMajority(c, errorFeedback)),
    ]);

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<ReducerEntry> Entries => entries;

    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names => entries.Select(e => e.Name).ToArray();

    /// <summary>This registry with <paramref name="entry"/> added at the end.</summary>
    public ReducerRegistry With(ReducerEntry entry) => new(entries.Append(entry));

    /// <summary>The named strategy, or null.</summary>
    public ReducerEntry? Find(string name) => entries.FirstOrDefault(e => e.Name == name);

    /// <summary>The named strategy.</summary>
    /// <exception cref="ArgumentException">No strategy has that name.</exception>
    public ReducerEntry Get(string name) => Find(name) ?? throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>
    /// The named strategy's schedule for <paramref name="workers"/> workers and a p-value gradient, without running it:
    /// a plan depends only on the group's size, so rank 0 of an unconnected in-process group answers.
    /// </summary>
    public CommunicationPlan Plan(string name, int workers, int parameters)
    {
        var entry = Get(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1);
        var fabric = new InProcess.InProcessFabric(workers + entry.ExtraRanks, InProcessGroup.DefaultTimeout);
        using var rank0 = new InProcess.InProcessCommunicator(fabric, 0);
        return entry.Create(rank0, false).Plan(parameters);
    }
}
