using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest bench newton-schulz</c>.</summary>
public sealed class BenchNewtonSchulzSettings : CommandSettings
{
    /// <summary>Rows of the matrix.</summary>
    [CommandOption("--rows <R>")]
    [Description("rows of the matrix to orthogonalize (e.g. a weight's fan-out)")]
    public int? Rows { get; set; }

    /// <summary>Columns of the matrix.</summary>
    [CommandOption("--cols <C>")]
    [Description("columns of the matrix (e.g. its fan-in)")]
    public int? Cols { get; set; }

    /// <summary>Newton–Schulz iterations.</summary>
    [CommandOption("--steps <S>")]
    [Description("Newton–Schulz iterations per orthogonalization (default 5, as Muon)")]
    public int Steps { get; set; } = 5;

    /// <summary>Threads.</summary>
    [CommandOption("--threads <T>")]
    [Description("threads for the products and the reference SGEMM (default: all cores)")]
    public int? Threads { get; set; }

    /// <summary>Timed repetitions.</summary>
    [CommandOption("--repeat <R>")]
    [Description("timed orthogonalizations and reference SGEMMs, after one warm-up each (default 5); the median is reported")]
    public int Repeat { get; set; } = 5;

    /// <summary>Print one JSON object.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object")]
    public bool Json { get; set; }

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Rows, 1, 16384, "--rows"),
        Ranges.Outside(Cols, 1, 16384, "--cols"),
        Ranges.Outside(Steps, 1, 100, "--steps"),
        Ranges.Outside(Threads, 1, 1024, "--threads"),
        Ranges.Outside(Repeat, 1, 1000, "--repeat"));
}
