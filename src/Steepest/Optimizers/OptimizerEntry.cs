namespace Steepest.Optimizers;

/// <summary>
/// One optimizer of an <see cref="OptimizerRegistry"/>: its name, its factory, its default learning rate, and what
/// the convergence lab and the command line need to know about it without comparing names.
/// </summary>
/// <param name="Name">The command-line name, e.g. "adamw"; "steepest:NORM" for a family that takes a parameter after the colon.</param>
/// <param name="DefaultLearningRate">η when none is given (for muon, the Muon part's).</param>
/// <param name="Family">Which implicit bias predicts its limit in the convergence lab.</param>
/// <param name="Create">Builds the recipe; throws <see cref="ArgumentException"/> for settings it cannot use.</param>
public sealed record OptimizerEntry(string Name, double DefaultLearningRate, ConvergenceFamily Family, Func<RecipeArguments, GradientTransform> Create)
{
    /// <summary>β when none is given, for a recipe with a momentum; null for one that refuses a momentum setting.</summary>
    public double? DefaultMomentum { get; init; }

    /// <summary>True when its moments can be stored in bf16 or int8 (<see cref="OptimizerSettings.StatePrecision"/>).</summary>
    public bool CompressibleState { get; init; }

    /// <summary>How the convergence lab picks its rate when none is given.</summary>
    public AutomaticStep AutomaticStep { get; init; } = AutomaticStep.Curvature;

    /// <summary>True for heavy-ball momentum, whose effective step is η/(1 − β): the lab scales its automatic rate by 1 − β.</summary>
    public bool HeavyBall { get; init; }

    /// <summary>κ² = max ‖u‖₂² over the step norm's unit ball in d dimensions (1 for ℓ2), which sets the lab's curvature step.</summary>
    public Func<int, double> SquaredStepRadius { get; init; } = _ => 1;

    /// <summary>True when it routes parameters by role (muon), so that it has nothing to do on the lab's single vector θ.</summary>
    public bool RoutesByRole { get; init; }

    /// <summary>True when it is built from one weight per feature (<see cref="OptimizerSettings.NormWeights"/>), as steepest:weighted is.</summary>
    public bool TakesWeights { get; init; }

    /// <summary>For a parametric name, the entry for one parameter (steepest:NORM → steepest:linf); null otherwise.</summary>
    public Func<string, OptimizerEntry>? Specialize { get; init; }

    /// <summary>For a parametric name, the message when the parameter is left out.</summary>
    public string? MissingParameter { get; init; }

    /// <summary>"steepest" for "steepest:NORM": the part before the colon of a parametric name, or null.</summary>
    public string? Prefix => Specialize is null ? null : Name[..Name.IndexOf(':')];
}
