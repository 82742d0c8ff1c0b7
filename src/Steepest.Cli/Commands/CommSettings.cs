using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest comm</c>.</summary>
public sealed class CommSettings : CommandSettings
{
    /// <summary>n, the number of workers.</summary>
    [CommandOption("--workers <N>")]
    [Description("number of workers n ≥ 2 (the parameter server adds one server rank); with --backend mpi, taken from mpirun")]
    public int? Workers { get; set; }

    /// <summary>p, the gradient length.</summary>
    [CommandOption("--params <P>")]
    [Description("gradient length p ≥ 1")]
    public int? Params { get; set; }

    /// <summary>Which strategies to run.</summary>
    [CommandOption("--strategy <S>")]
    [Description("all, all-to-all, parameter-server, ring, halving-doubling or sign (default all)")]
    public string Strategy { get; set; } = "all";

    /// <summary>Timed reductions per strategy.</summary>
    [CommandOption("--repeat <R>")]
    [Description("timed reductions per strategy; the median time is reported (default 3)")]
    public int Repeat { get; set; } = 3;

    /// <summary>Seed of the random gradients.</summary>
    [CommandOption("--seed <S>")]
    [Description("seed of the random gradients (default 0)")]
    public int Seed { get; set; }

    /// <summary>Error feedback for the sign reducer.</summary>
    [CommandOption("--error-feedback")]
    [Description("sign: keep each worker's compression error for its next reduction")]
    public bool ErrorFeedback { get; set; }

    /// <summary>Print a JSON list.</summary>
    [CommandOption("--json")]
    [Description("print a JSON list, one object per strategy")]
    public bool Json { get; set; }

    /// <summary>PNG of bytes per worker and time against n.</summary>
    [CommandOption("--plot <FILE>")]
    [Description("write a PNG of bytes per worker and time against n (log axes) for each strategy")]
    public string? Plot { get; set; }

    /// <summary>Seconds a send or receive may wait for its partner.</summary>
    [CommandOption("--timeout <SECONDS>")]
    [Description("seconds a send or receive waits for its partner before failing (default 60)")]
    public double Timeout { get; set; } = 60;

    /// <summary>Transport.</summary>
    [CommandOption("--backend <B>")]
    [Description("inproc (threads, default) or mpi (processes: run under mpirun -np N; --workers is then the number of ranks)")]
    public string Backend { get; set; } = "inproc";

    /// <summary>Fit the cost model and print its parameters instead of running the strategies.</summary>
    [CommandOption("--calibrate")]
    [Description("fit the cost model on this transport (k concurrent transfers, k = 1 … n) and print α, κ, β and γ; --workers sets the ranks (default 4)")]
    public bool Calibrate { get; set; }

    /// <summary>Testing aid: make this worker throw in its first reduction.</summary>
    [CommandOption("--inject-failure <RANK>", IsHidden = true)]
    public int? InjectFailure { get; set; }

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Params, 1, 1 << 28, "--params"),
        Ranges.Outside(Repeat, 1, 1000, "--repeat"),
        Ranges.Seconds(Timeout, 86400, "--timeout"));
}
