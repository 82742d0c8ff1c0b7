using System.ComponentModel;
using Spectre.Console.Cli;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest converge</c>.</summary>
public sealed class ConvergeSettings : CommandSettings
{
    /// <summary>Inputs: rows separated by ';', values by ','.</summary>
    [CommandOption("--inputs-x <ROWS>")]
    [Description("inputs, also spelled --x (the name the docs use): one row per sample: values separated by ',', rows by ';' (e.g. \"1,0,2;0,1,1\")")]
    public string? X { get; set; }

    /// <summary>Targets.</summary>
    [CommandOption("--targets-y <VALUES>")]
    [Description("targets, also spelled --y (the name the docs use): one per row of --x")]
    public string? Y { get; set; }

    /// <summary>CSV: features then target per line.</summary>
    [CommandOption("--csv <FILE>")]
    [Description("read the problem from a CSV file: features then the target on each line")]
    public string? Csv { get; set; }

    /// <summary>Random underdetermined problem.</summary>
    [CommandOption("--random <NxD>")]
    [Description("generate a random underdetermined problem with N samples and D > N features (use --seed)")]
    public string? Random { get; set; }

    /// <summary>Wilson et al. construction.</summary>
    [CommandOption("--wilson <N>")]
    [Description("generate Wilson et al.'s problem with N samples, and report the test error of each limit")]
    public int? Wilson { get; set; }

    /// <summary>P(y = 1) for --wilson.</summary>
    [CommandOption("--wilson-p <P>")]
    [Description("P(y = 1) for --wilson, in (0.5, 1) (default 0.875)")]
    public double WilsonP { get; set; } = 0.875;

    /// <summary>Optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adagrad, rmsprop, epoch-adam, steepest:NORM")]
    public string? Optimizer { get; set; }

    /// <summary>Compare SGD, EpochAdam, Adam and rescale+SGD.</summary>
    [CommandOption("--compare")]
    [Description("run sgd, epoch-adam, adam and rescale+sgd side by side")]
    public bool Compare { get; set; }

    /// <summary>Rescale features to unit second moment.</summary>
    [CommandOption("--rescale")]
    [Description("scale every feature to unit second moment, run, and map the solution back")]
    public bool Rescale { get; set; }

    /// <summary>Base learning rate.</summary>
    [CommandOption("--lr <A>")]
    [Description("base step size (default: automatic, see docs/converge.md)")]
    public string? LearningRate { get; set; }

    /// <summary>Schedule.</summary>
    [CommandOption("--schedule <S>")]
    [Description("constant, 1/t:TAU, 1/sqrt, step:EVERY:GAMMA or cosine:STEPS (default: by optimizer family)")]
    public string? Schedule { get; set; }

    /// <summary>Per-sample or full batch.</summary>
    [CommandOption("--batch <MODE>")]
    [Description("sample (SGD, one sample per step) or full (gradient descent); default sample, full with --wilson (the paper's setting)")]
    public string? Batch { get; set; }

    /// <summary>Tolerance.</summary>
    [CommandOption("--tol <T>")]
    [Description("stop when loss ≤ T and ‖Δθ‖ ≤ T over an epoch (default 1e-10)")]
    public string? Tolerance { get; set; }

    /// <summary>Step budget.</summary>
    [CommandOption("--max-iter <N>")]
    [Description("step budget (default 1000000)")]
    public long MaxIterations { get; set; } = 1_000_000;

    /// <summary>θ₀.</summary>
    [CommandOption("--theta0 <VALUES>")]
    [Description("starting point (default 0)")]
    public string? Theta0 { get; set; }

    /// <summary>Weights for steepest:weighted.</summary>
    [CommandOption("--weights <D>")]
    [Description("dᵢ > 0 for steepest:weighted (preconditioner P = D⁻¹)")]
    public string? Weights { get; set; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("seed for --random, --wilson and the per-sample shuffling (default 0)")]
    public int Seed { get; set; }

    /// <summary>Coordinates for the trajectory plot.</summary>
    [CommandOption("--coords <I,J>")]
    [Description("the two coordinates (1-based) the trajectory plot shows (default 1,2)")]
    public string Coords { get; set; } = "1,2";

    /// <summary>Print JSON.</summary>
    [CommandOption("--json")]
    [Description("print a JSON object (a list with --compare)")]
    public bool Json { get; set; }

    /// <summary>Plot.</summary>
    [CommandOption("--plot <FILE>")]
    [Description("write a PNG: trajectories in two coordinates, and the loss against iterations on a log scale")]
    public string? Plot { get; set; }
}
