using System.Numerics.Tensors;
using Steepest.Optimizers.Schedules;

namespace Steepest.Optimizers.Transforms;

/// <summary>u ← −η(t)·u with η from a schedule and t the number of steps this transform has taken.</summary>
public sealed class ScaleByLearningRate(LearningRateSchedule schedule) : GradientTransform<StepCountState>
{
    /// <summary>A constant learning rate.</summary>
    public ScaleByLearningRate(double rate) : this(LearningRateSchedule.Constant(rate)) { }

    /// <summary>η(t).</summary>
    public LearningRateSchedule Schedule { get; } = schedule ?? throw new ArgumentNullException(nameof(schedule));
    /// <inheritdoc/>
    public override string Name => $"scale_by_learning_rate({Schedule.Name})";
    /// <inheritdoc/>
    protected override StepCountState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, StepCountState state)
    {
        float factor = (float)-Schedule.At(state.Count);
        foreach (var u in context.Updates) TensorPrimitives.Multiply(u, factor, u);
        state.Count++;
    }
}
