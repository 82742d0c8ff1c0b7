namespace Steepest.Convergence;

/// <summary>Where a run ended, beside where theory says it should.</summary>
public sealed record ConvergenceResult
{
    /// <summary>The optimizer as run, e.g. "sgd" or "rescale+sgd".</summary>
    public required string Optimizer { get; init; }
    /// <summary>The final θ, in the problem's original units.</summary>
    public required double[] Theta { get; init; }
    /// <summary>f(θ).</summary>
    public required double Loss { get; init; }
    /// <summary>Steps taken.</summary>
    public required long Iterations { get; init; }
    /// <summary>True when the stop reason is <see cref="StopReason.Converged"/>.</summary>
    public bool Converged => Reason == StopReason.Converged;
    /// <summary>Why the run ended.</summary>
    public required StopReason Reason { get; init; }
    /// <summary>The predicted limit, or null when theory has no closed form here.</summary>
    public double[]? Predicted { get; init; }
    /// <summary>Which rule gave the prediction, or null.</summary>
    public string? PredictionRule { get; init; }
    /// <summary>‖θ − predicted‖∞, or null.</summary>
    public double? DistanceToPrediction { get; init; }
    /// <summary>The base step size used.</summary>
    public required double LearningRate { get; init; }
    /// <summary>The schedule used, e.g. "constant(0.495)".</summary>
    public required string Schedule { get; init; }
    /// <summary>Per-sample or full batch.</summary>
    public required BatchMode Mode { get; init; }
    /// <summary>Recorded (step, θ, loss) points, θ in original units.</summary>
    public IReadOnlyList<(long Step, double[] Theta, double Loss)> Trajectory { get; init; } = [];
}
