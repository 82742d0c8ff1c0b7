using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest bench optimizer</c>.</summary>
public sealed class BenchOptimizerSettings : CommandSettings
{
    /// <summary>Recipe name.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adamw, adagrad, rmsprop, epoch-adam, muon or steepest:NORM")]
    public string? Optimizer { get; set; }

    /// <summary>Number of parameter values.</summary>
    [CommandOption("--params <N>")]
    [Description("parameter values in the model (one buffer)")]
    public long? Params { get; set; }

    /// <summary>Threads.</summary>
    [CommandOption("--threads <T>")]
    [Description("threads for the optimizer and the reference kernels (default: all cores)")]
    public int? Threads { get; set; }

    /// <summary>Timed steps.</summary>
    [CommandOption("--repeat <R>")]
    [Description("timed steps of each kernel after two warm-ups; the median is reported (default 10)")]
    public int Repeat { get; set; } = 10;

    /// <summary>Matrix rows (for matrix optimizers such as muon).</summary>
    [CommandOption("--rows <R>")]
    [Description("shape the buffer as an R×(N/R) hidden weight matrix (for muon, steepest:spectral); default: a vector")]
    public int? Rows { get; set; }

    /// <summary>Storage of the optimizer's moments.</summary>
    [CommandOption("--state-precision <P>")]
    [Description("fp32 (default), bf16 or int8 moments (adam, adamw, lion, momentum, nesterov, signum, muon); with bf16 or int8 the fp32 fused step is timed beside it and their ratio reported")]
    public string? StatePrecision { get; set; }

    /// <summary>Print one JSON object.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object")]
    public bool Json { get; set; }

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Params, 1, 256L << 20, "--params"),
        Ranges.Outside(Threads, 1, 1024, "--threads"),
        Ranges.Outside(Repeat, 1, 10000, "--repeat"));
}
