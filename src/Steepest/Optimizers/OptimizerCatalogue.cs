using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers;

/// <summary>Recipes by their command-line names (<see cref="OptimizerRegistry.Default"/>): sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adamw, adagrad, rmsprop, epoch-adam, muon, steepest:NORM, steepest:modular.</summary>
public static class OptimizerCatalogue
{
    /// <summary>The names (steepest takes a catalogue norm after the colon).</summary>
    public static IReadOnlyList<string> Names => OptimizerRegistry.Default.Names;

    /// <summary>The learning rate the optimizer's (first) scale_by_learning_rate will use next, or null if it has none.</summary>
    public static double? CurrentLearningRate(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Find(optimizer.Transform, optimizer.State);

        static double? Find(GradientTransform transform, TransformState state) => (transform, state) switch
        {
            (ScaleByLearningRate rate, StepCountState s) => rate.Schedule.At(s.Count),
            (Chain chain, ChainState s) => chain.Transforms.Select((t, i) => Find(t, s.States[i])).FirstOrDefault(r => r is not null),
            (Partition partition, PartitionState s) => s.Groups.Select(g => Find(partition.Transforms[g.Label], g.State)).FirstOrDefault(r => r is not null),
            _ => null,
        };
    }

    /// <summary>The learning rate the named recipe uses when none is given (for muon, the Muon part's).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static double DefaultLearningRate(string name) => OptimizerRegistry.Default.Get(name).DefaultLearningRate;

    /// <summary>Builds the named recipe; throws <see cref="ArgumentException"/> with a clear message for unknown names or bad settings.</summary>
    public static GradientTransform Create(string name, OptimizerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OptimizerRegistry.Default.Create(name, settings);
    }
}
