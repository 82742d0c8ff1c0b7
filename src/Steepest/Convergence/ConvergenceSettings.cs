using Steepest.Optimizers;

namespace Steepest.Convergence;

/// <summary>How to run an optimizer on a least-squares problem.</summary>
public sealed record ConvergenceSettings
{
    /// <summary>A name from the optimizer catalogue (sgd, momentum, adam, epoch-adam, steepest:linf, …).</summary>
    public required string Optimizer { get; init; }

    /// <summary>The base step size; null picks a safe one automatically (see <see cref="ConvergenceRunner"/>).</summary>
    public double? LearningRate { get; init; }

    /// <summary>A schedule spec (constant, 1/t:TAU, 1/sqrt, step:EVERY:GAMMA, cosine:STEPS); null picks one by optimizer family.</summary>
    public string? Schedule { get; init; }

    /// <summary>Per-sample SGD (default) or full-batch steps.</summary>
    public BatchMode Mode { get; init; } = BatchMode.PerSample;

    /// <summary>Scale every feature to unit second moment, run, and map the result back (problem 2(c)).</summary>
    public bool Rescale { get; init; }

    /// <summary>Convergence tolerance on the loss and on the change of θ over an epoch.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Step budget.</summary>
    public long MaxIterations { get; init; } = 1_000_000;

    /// <summary>θ₀ (default 0).</summary>
    public double[]? Theta0 { get; init; }

    /// <summary>Weights dᵢ &gt; 0 for steepest:weighted (preconditioner P = D⁻¹).</summary>
    public double[]? Weights { get; init; }

    /// <summary>Seed of the per-sample shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Record θ and the loss at about this many log-spaced steps, for plots (0: none).</summary>
    public int TrajectoryPoints { get; init; }

    /// <summary>Where <see cref="Optimizer"/> is looked up (default: <see cref="OptimizerRegistry.Default"/>).</summary>
    public OptimizerRegistry? Registry { get; init; }
}
