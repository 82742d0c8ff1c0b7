namespace Steepest.Norms;

/// <summary>The words <c>derive</c> prints for each <see cref="SolverMethod"/> (its JSON field solverMethod).</summary>
public static class SolverMethodNames
{
    /// <summary>"proximal point", "L-BFGS" or "L-BFGS + gradient sampling".</summary>
    public static string Name(this SolverMethod method) => method switch
    {
        SolverMethod.ProximalPoint => "proximal point",
        SolverMethod.Lbfgs => "L-BFGS",
        SolverMethod.LbfgsThenGradientSampling => "L-BFGS + gradient sampling",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a solver method"),
    };
}
