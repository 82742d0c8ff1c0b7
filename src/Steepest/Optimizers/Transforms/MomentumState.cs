namespace Steepest.Optimizers.Transforms;

/// <summary>One momentum buffer per parameter and the step count: the state of Trace, EmaMomentum and Lion.</summary>
public sealed class MomentumState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters, "momentum")
{
    /// <summary>The momentum m, one buffer per parameter.</summary>
    public float[][] Momentum => Slot(0);
}
