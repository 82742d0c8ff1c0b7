using System.ComponentModel;
using Spectre.Console.Cli;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest plot</c>.</summary>
public sealed class PlotSettings : CommandSettings
{
    /// <summary>JSONL logs written by train --log.</summary>
    [CommandArgument(0, "<LOGS>")]
    [Description("one or more JSONL logs written by steepest train --log, or sweep.json files written by steepest sweep (drawn together as one learning-rate figure)")]
    public string[] Logs { get; set; } = [];

    /// <summary>Output PNG.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("the PNG to write")]
    public string? Output { get; set; }
}
