namespace Steepest.Optimizers.Transforms;

/// <summary>RMSprop's state: the moving average of squared updates and the step count.</summary>
public sealed class RmsState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters, "square_avg")
{
    /// <summary>ν = EMA of u², one buffer per parameter.</summary>
    public float[][] SquareAverage => Slot(0);
}
