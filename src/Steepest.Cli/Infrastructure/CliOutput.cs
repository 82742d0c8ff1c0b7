using Spectre.Console;

namespace Steepest.Cli.Infrastructure;

/// <summary>Where a command writes: a rich console for tables and progress, the raw stdout for JSON, and stderr.</summary>
/// <param name="Console">Rich output (tables, progress bars); plain when redirected.</param>
/// <param name="Out">Raw standard output, for machine-readable JSON that must not be wrapped or coloured.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliOutput(IAnsiConsole Console, TextWriter Out, TextWriter Error);
