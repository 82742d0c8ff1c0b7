using System.ComponentModel;
using Spectre.Console.Cli;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest tour</c>.</summary>
public sealed class TourSettings : CommandSettings
{
    /// <summary>Where the plots go.</summary>
    [CommandOption("--out <DIR>")]
    [Description("folder for the plots (created if missing; default ./tour-output)")]
    public string Out { get; set; } = "tour-output";

    /// <summary>Print one JSON object.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object with every number of the tour")]
    public bool Json { get; set; }
}
