using System.Numerics.Tensors;
using Steepest.Optimizers.Schedules;

namespace Steepest.Optimizers.Transforms;

/// <summary>u ← −η(t)·u with η from a schedule and t the number of steps this transform has taken.</summary>
public sealed class ScaleByLearningRate(LearningRateSchedule schedule) : GradientTransform
{
    /// <summary>A constant learning rate.</summary>
    public ScaleByLearningRate(double rate) : this(LearningRateSchedule.Constant(rate)) { }

    /// <summary>η(t).</summary>
    public LearningRateSchedule Schedule { get; } = schedule ?? throw new ArgumentNullException(nameof(schedule));
    /// <inheritdoc/>
    public override string Name => $"scale_by_learning_rate({Schedule.Name})";
    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new PerParameterState(parameters);
    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (PerParameterState)state;
        float factor = (float)-Schedule.At(s.Count);
        foreach (var u in context.Updates) TensorPrimitives.Multiply(u, factor, u);
        s.Count++;
    }
}
