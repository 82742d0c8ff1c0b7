namespace Steepest.Distributed.Reducers;

/// <summary>One strategy of a <see cref="ReducerRegistry"/>: its name, the ranks it needs beyond its workers, and its factory.</summary>
/// <param name="Name">The command-line name.</param>
/// <param name="ExtraRanks">Ranks beyond the workers (the parameter server's own rank).</param>
/// <param name="Title">How a message names it, e.g. "the parameter server".</param>
/// <param name="Create">This rank's reducer, from its communicator and whether to keep error feedback.</param>
public sealed record ReducerEntry(string Name, int ExtraRanks, string Title, Func<ICommunicator, bool, IGradientReducer> Create);
