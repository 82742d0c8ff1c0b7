namespace Steepest.Distributed;

/// <summary>The reducers by their command-line names.</summary>
public static class GradientReducers
{
    /// <summary>ring, all-to-all, parameter-server, halving-doubling, sign.</summary>
    public static IReadOnlyList<string> Names { get; } = ["all-to-all", "parameter-server", "ring", "halving-doubling", "sign"];

    /// <summary>True for a known name.</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>Ranks needed for <paramref name="workers"/> workers: one more for the parameter server.</summary>
    public static int RanksFor(string name, int workers) => name == "parameter-server" ? workers + 1 : workers;

    /// <summary>Creates this rank's reducer for the named strategy.</summary>
    public static IGradientReducer Create(string name, ICommunicator communicator, bool errorFeedback = false) => name switch
    {
        "all-to-all" => new AllToAll(communicator),
        "parameter-server" => new ParameterServer(communicator),
        "ring" => new RingAllReduce(communicator),
        "halving-doubling" => new HalvingDoubling(communicator),
        "sign" => new SignMajority(communicator, errorFeedback),
        _ => throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}"),
    };
}
