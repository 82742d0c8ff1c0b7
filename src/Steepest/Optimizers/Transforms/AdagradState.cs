namespace Steepest.Optimizers.Transforms;

/// <summary>Adagrad's state: the running sum of squared updates and the step count.</summary>
public sealed class AdagradState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters, "sum")
{
    /// <summary>Σ u², one buffer per parameter.</summary>
    public float[][] SumOfSquares => Slot(0);
}
