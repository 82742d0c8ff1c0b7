namespace Steepest.Optimizers.Transforms;

/// <summary>Adam's state (optax's ScaleByAdamState): the first moment μ, the second moment ν, and the step count t.</summary>
public sealed class AdamState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters, "m", "v")
{
    /// <summary>μ = EMA of u, one buffer per parameter.</summary>
    public float[][] Mu => Slot(0);

    /// <summary>ν = EMA of u², one buffer per parameter.</summary>
    public float[][] Nu => Slot(1);
}
