using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Serve;

/// <summary>Options of <c>steepest serve</c>.</summary>
public sealed class ServeSettings : CommandSettings
{
    /// <summary>TCP port; 0 picks a free one.</summary>
    [CommandOption("--port <PORT>")]
    [Description("port to listen on (default 5080; 0 picks a free port and prints it)")]
    public int Port { get; set; } = 5080;

    /// <summary>Address to bind.</summary>
    [CommandOption("--host <ADDRESS>")]
    [Description("address to listen on (default 127.0.0.1, loopback only; 0.0.0.0 exposes the explorer to the network)")]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Folder of training logs for the dashboard.</summary>
    [CommandOption("--runs <DIR>")]
    [Description("folder of train --log JSONL files the dashboard lists (default: the current folder); nothing outside it can be read")]
    public string Runs { get; set; } = ".";

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Port, 0, 65535, "--port"));
}
