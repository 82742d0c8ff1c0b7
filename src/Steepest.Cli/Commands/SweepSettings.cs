using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>
/// Options of <c>steepest sweep</c>: every train option, where --model, --optimizer and --lr take comma-separated lists
/// (a gpt spec keeps its own commas), plus the grid's seeds, a target and the output folder.
/// </summary>
public sealed class SweepSettings : TrainSettings
{
    /// <summary>Seeds per grid point.</summary>
    [CommandOption("--seeds <N>")]
    [Description("runs per (model, optimizer, lr), with seeds --seed, --seed+1, … (default 1)")]
    public int Seeds { get; set; } = 1;

    /// <summary>Target loss.</summary>
    [CommandOption("--target-loss <X>")]
    [Description("report the training time until the test (or validation) loss first reaches X")]
    public string? TargetLoss { get; set; }

    /// <summary>Target accuracy.</summary>
    [CommandOption("--target-accuracy <Y>")]
    [Description("report the training time until the test accuracy first reaches Y (a fraction, e.g. 0.98)")]
    public string? TargetAccuracy { get; set; }

    /// <summary>Folder for the runs' logs.</summary>
    [CommandOption("--out <DIR>")]
    [Description("folder for every run's JSONL log and the sweep's sweep.json (default: sweep)")]
    public string Out { get; set; } = "sweep";

    /// <summary>train's ranges, then the number of seeds.</summary>
    public override ValidationResult Validate() => base.Validate() is { Successful: false } refused ? refused
        : Ranges.First(Ranges.Outside(Seeds, 1, 1000, "--seeds"));
}
