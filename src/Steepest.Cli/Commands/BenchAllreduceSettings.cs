using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest bench allreduce</c>.</summary>
public sealed class BenchAllreduceSettings : CommandSettings
{
    /// <summary>Transport.</summary>
    [CommandOption("--backend <B>")]
    [Description("inproc (threads, default) or mpi (run under mpirun -np N)")]
    public string Backend { get; set; } = "inproc";

    /// <summary>In-process ranks.</summary>
    [CommandOption("--ranks <N>")]
    [Description("ranks for --backend inproc (default 4); under MPI, mpirun decides")]
    public int? Ranks { get; set; }

    /// <summary>Message sizes.</summary>
    [CommandOption("--sizes <LIST>")]
    [Description("message sizes in bytes per rank (default 1K,64K,4M,64M)")]
    public string Sizes { get; set; } = "1K,64K,4M,64M";

    /// <summary>Timed repetitions.</summary>
    [CommandOption("--repeat <R>")]
    [Description("timed rounds per size; in each round every strategy runs once, in turn; the median of the slowest rank is reported (default 20)")]
    public int Repeat { get; set; } = 20;

    /// <summary>Untimed rounds first.</summary>
    [CommandOption("--warmup <W>")]
    [Description("untimed rounds before timing, at least 1: the first checks every strategy against the reference (default 2)")]
    public int? Warmup { get; set; }

    /// <summary>JSON.</summary>
    [CommandOption("--json")]
    [Description("print a JSON list")]
    public bool Json { get; set; }

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Repeat, 1, 10000, "--repeat"),
        Ranges.Outside(Warmup, 0, 1000, "--warmup"));
}
