using Steepest.Data;
using Steepest.Models;

namespace Steepest.Training;

/// <summary>
/// What a run trains on, whatever the model: the shape models are built for, and a per-rank <see cref="BatchSampler"/>
/// that says which examples make up every global step and what the evaluation set is. Shared by all ranks, so it
/// holds no mutable state.
/// </summary>
public abstract class TrainingData
{
    /// <summary>The shape models are built for.</summary>
    public abstract DataShape Shape { get; }

    /// <summary>Training examples (images) or training tokens (text); a resumed run must see the same number.</summary>
    public abstract int TrainCount { get; }

    /// <summary>True when the run is counted in steps (random windows of text), false for epochs over a labelled set.</summary>
    public abstract bool TrainsBySteps { get; }

    /// <summary>Where it came from.</summary>
    public abstract string Name { get; }

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when <paramref name="network"/> cannot train on this data.</summary>
    public abstract void Check(Network network, TrainingOptions options);

    /// <summary>A sampler for one rank (each rank has its own; all of them give the same batches).</summary>
    public abstract BatchSampler CreateSampler(Network network, TrainingOptions options);
}
