namespace Steepest.Optimizers.Transforms;

/// <summary>Only a step count t: the state of a schedule (<see cref="ScaleByLearningRate"/> reads η(t)).</summary>
public sealed class StepCountState(IReadOnlyList<Parameter> parameters) : PerParameterState(parameters);
