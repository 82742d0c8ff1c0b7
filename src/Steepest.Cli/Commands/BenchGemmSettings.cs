using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest bench gemm</c>.</summary>
public sealed class BenchGemmSettings : CommandSettings
{
    /// <summary>m = n = k = N.</summary>
    [CommandOption("--size <N>")]
    [Description("square problem m = n = k = N")]
    public int? Size { get; set; }

    /// <summary>Rows of C (overrides --size).</summary>
    [CommandOption("--rows-m <M>")]
    [Description("rows of C and op(A); also spelled --m")]
    public int? M { get; set; }

    /// <summary>Columns of C (overrides --size).</summary>
    [CommandOption("--columns-n <N>")]
    [Description("columns of C and op(B); also spelled --n")]
    public int? N { get; set; }

    /// <summary>Inner dimension (overrides --size).</summary>
    [CommandOption("--inner-k <K>")]
    [Description("inner dimension; also spelled --k")]
    public int? K { get; set; }

    /// <summary>Threads for both our SGEMM and the BLAS.</summary>
    [CommandOption("--threads <T>")]
    [Description("threads for ours and for the BLAS (default: all cores)")]
    public int? Threads { get; set; }

    /// <summary>Timed repetitions per implementation.</summary>
    [CommandOption("--repeat <R>")]
    [Description("timed repetitions of each implementation, after one warm-up (default 5); the median is reported")]
    public int Repeat { get; set; } = 5;

    /// <summary>Force a micro-kernel.</summary>
    [CommandOption("--kernel <KERNEL>")]
    [Description("auto, vector512, vector256 or scalar")]
    public string Kernel { get; set; } = "auto";

    /// <summary>Print one JSON object.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object")]
    public bool Json { get; set; }

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Threads, 1, 1024, "--threads"),
        Ranges.Outside(Repeat, 1, 1000, "--repeat"));
}
