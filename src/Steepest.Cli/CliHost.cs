using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Commands;
using Steepest.Cli.Infrastructure;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;
using Steepest.Optimizers;

namespace Steepest.Cli;

/// <summary>Builds the <c>steepest</c> command tree and runs it with the exit-code contract: 0 ok, 1 runtime failure, 2 bad input.</summary>
public static partial class CliHost
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Columns of redirected output: wider than any table the commands print, so none wraps.</summary>
    public const int PlainWidth = 1000;
    /// <summary>Exit code for a failure while running (I/O, a worker that threw, a numeric breakdown).</summary>
    public const int RuntimeFailure = 1;
    /// <summary>Exit code for bad input: one line on stderr, nothing written.</summary>
    public const int BadInput = 2;

    /// <summary>The package version (0.2.0), without the build metadata the SDK may append after '+'.</summary>
    public static string Version { get; } =
        (typeof(CliHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Runs the command line, writing results to <paramref name="output"/> and the one-line error, if any, to <paramref name="error"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where the one-line error goes.</param>
    /// <param name="isConsole">True when <paramref name="output"/> is the process's console, so colors and width may be detected.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool isConsole = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // Redirected output (files, pipes, tests) has no terminal width; Spectre would wrap at 80 columns, and any fixed
            // width wraps a wide table mid-number. Tables size to their content, so give them all the width they ask for.
            Out = isConsole && !Console.IsOutputRedirected ? new AnsiConsoleOutput(output) : new PlainConsoleOutput(output, PlainWidth),
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole ? InteractionSupport.Detect : InteractionSupport.No,
        });
        var io = new CliOutput(console, output, error);
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliOutput), io);

        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("steepest");
            config.SetApplicationVersion(Version);
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<TourCommand>("tour")
                .WithDescription("The three problems of the mission end to end, with plots: start here.")
                .WithExample("tour")
                .WithExample("tour", "--out", "my-plots", "--json");
            config.AddCommand<DeriveCommand>("derive")
                .WithDescription("Derive the optimizer of a norm: u = argmin ⟨g,Δ⟩ + (1/α)‖Δ‖², in closed form and numerically.")
                .WithExample("derive", "--norm", "linf", "--grad", "3,-1,0.5", "--alpha", "0.1")
                .WithExample("derive", "--norm", "spectral", "--grad", "\"1,2;3,4\"", "--alpha", "1", "--json");
            config.AddCommand<ConvergeCommand>("converge")
                .WithDescription("Problem 2: run an optimizer to convergence on least squares and compare its limit with the prediction.")
                .WithExample("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "epoch-adam")
                .WithExample("converge", "--x", "1,0.1,0.01", "--y", "1", "--compare");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train an MLP, a convnet or a byte-level GPT with any optimizer, on one worker or many; progress, logs, plots, checkpoints.")
                .WithExample("train", "--dataset", "mnist", "--model", "mlp:784-512-512-10", "--optimizer", "adamw", "--epochs", "10", "--batch", "128", "--data", "../shared/data/mnist")
                .WithExample("train", "--dataset", "mnist", "--model", "cnn:32-64", "--optimizer", "muon", "--schedule", "cosine", "--epochs", "5")
                .WithExample("train", "--dataset", "text:fortunes.txt", "--model", "gpt:layers=2,width=128,heads=4,context=128", "--optimizer", "muon", "--aux-lr", "1e-3",
                    "--batch", "16", "--steps", "1000", "--schedule", "cosine");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Run a grid of train runs (models × optimizers × learning rates × seeds): the best learning rate of each, and the learning-rate-transfer plot.")
                .WithExample("sweep", "--dataset", "mnist", "--model", "mlp:784-128-128-10,mlp:784-512-512-10", "--optimizer", "adamw,steepest:modular",
                    "--lr", "0.001,0.004,0.016", "--epochs", "3", "--seeds", "1", "--plot", "transfer.png", "--out", "sweep-mlp")
                .WithExample("sweep", "--dataset", "text:fortunes.txt", "--model", "gpt:layers=2,width=64,heads=4,context=64,gpt:layers=2,width=128,heads=4,context=64",
                    "--optimizer", "muon", "--lr", "0.005,0.02,0.08", "--steps", "300", "--target-loss", "2.5");
            config.AddCommand<PlotCommand>("plot")
                .WithDescription("Overlay the curves of several training logs (from train --log).")
                .WithExample("plot", "adamw.jsonl", "muon.jsonl", "-o", "cmp.png");
            config.AddCommand<CommCommand>("comm")
                .WithDescription("Problem 5: average gradients across n workers with each strategy, counted, timed and modeled.")
                .WithExample("comm", "--workers", "4", "--params", "1000000")
                .WithExample("comm", "--workers", "8", "--params", "4096", "--strategy", "ring", "--json");
            config.AddCommand<Serve.ServeCommand>("serve")
                .WithDescription("The explorer in a browser: drag a gradient under any norm, animate where optimizers converge, price communication, watch training logs live.")
                .WithExample("serve")
                .WithExample("serve", "--port", "8080", "--runs", "runs");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure speed against a reference run in the same process.");
                bench.AddCommand<BenchGemmCommand>("gemm")
                    .WithDescription("SGEMM GFLOP/s beside the system OpenBLAS (libopenblas0) on the same matrices.")
                    .WithExample("bench", "gemm", "--size", "1024", "--threads", "1");
                bench.AddCommand<BenchAllreduceCommand>("allreduce")
                    .WithDescription("All-reduce bandwidth (algbw, busbw) of our ring and halving-doubling, and MPI_Allreduce under MPI.")
                    .WithExample("bench", "allreduce", "--backend", "inproc", "--ranks", "4", "--sizes", "1K,64K,4M,64M");
                bench.AddCommand<BenchNewtonSchulzCommand>("newton-schulz")
                    .WithDescription("Seconds per Muon orthogonalization and its effective GFLOP/s beside a general SGEMM of the same shape.")
                    .WithExample("bench", "newton-schulz", "--rows", "512", "--cols", "512", "--threads", "2");
                bench.AddCommand<BenchOptimizerCommand>("optimizer")
                    .WithDescription("Optimizer step bandwidth beside a memory-only kernel with the same access pattern, and the STREAM triad.")
                    .WithExample("bench", "optimizer", "--optimizer", "adam", "--params", "16777216");
            });
        });

        try
        {
            int code = app.Run(SpellOutShortLongOptions(args));
            MpiRuntime.Shutdown();
            return code;
        }
        catch (UsageException e)
        {
            return Fail(error, Explain(e.Message, args), BadInput);
        }
        catch (InvalidHyperparameterException e)
        {
            // A recipe refused a value the command did not check first: still the user's input.
            return Fail(error, HyperparameterOptions.Blame(e).Message, BadInput);
        }
        catch (MpiNotAvailableException e)
        {
            // Nothing ran: the command line asked for a backend this machine lacks.
            return Fail(error, e.Message, BadInput);
        }
        catch (CommandAppException e)
        {
            // Spectre's parse and validation errors: unknown options, missing values, bad types.
            return Fail(error, Explain(e.Message, args), BadInput);
        }
        catch (Exception e)
        {
            return Fail(error, e.Message, RuntimeFailure);
        }
    }

    /// <summary>
    /// Spectre's own wording for two parse errors names neither the option nor the problem: an option that ends the
    /// line without its value surfaces as the placeholder "__default_command", and a value of the wrong type as
    /// "Failed to convert 'x' to Nullable`1". Say which option and what is wrong instead.
    /// </summary>
    private static string Explain(string message, string[] args)
    {
        if (message.Contains("__default_command", StringComparison.Ordinal) && args.Length > 0 && args[^1].StartsWith('-'))
            return $"{args[^1]} needs a value";
        var conversion = ConversionFailure().Match(message);
        if (!conversion.Success) return message;
        string value = conversion.Groups[1].Value;
        string problem = WhyNotConvertible(value, conversion.Groups[2].Value);
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0 && args[i] == value && args[i - 1].StartsWith('-')) return $"{args[i - 1]}: '{value}' {problem}";
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
                return $"{args[i][..args[i].IndexOf('=')]}: '{value}' {problem}";
        }
        return $"'{value}' {problem}";
    }

    /// <summary>
    /// What is wrong with a value Spectre could not convert, for the whole-number option types the settings use: int and
    /// int? (Spectre names the latter Nullable`1), long and ulong. Every other option is a string or a flag.
    /// </summary>
    private static string WhyNotConvertible(string value, string type)
    {
        var (low, high) = type switch
        {
            "Int64" => ((System.Numerics.BigInteger)long.MinValue, (System.Numerics.BigInteger)long.MaxValue),
            "UInt64" => (System.Numerics.BigInteger.Zero, (System.Numerics.BigInteger)ulong.MaxValue),
            _ => ((System.Numerics.BigInteger)int.MinValue, (System.Numerics.BigInteger)int.MaxValue),
        };
        if (!System.Numerics.BigInteger.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return "is not a whole number";
        return number > high ? $"is too large (at most {high})" : number < low ? $"is too small (at least {low})" : "is not a valid value";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to convert '(.*)' to ([A-Za-z0-9`]+)")]
    private static partial System.Text.RegularExpressions.Regex ConversionFailure();

    /// <summary>
    /// One-letter long options that the issues specify as contracts (<c>bench gemm --m --n --k</c>, <c>converge --x --y</c>),
    /// which Spectre does not accept (its long names need two letters or more): rewritten to the names the settings declare.
    /// </summary>
    private static readonly (string[] Command, Dictionary<string, string> Names)[] ShortLongOptions =
    [
        (["bench", "gemm"], new() { ["--m"] = "--rows-m", ["--n"] = "--columns-n", ["--k"] = "--inner-k" }),
        (["converge"], new() { ["--x"] = "--inputs-x", ["--y"] = "--targets-y" }),
    ];

    private static string[] SpellOutShortLongOptions(string[] args)
    {
        foreach (var (command, names) in ShortLongOptions)
        {
            if (args.Length < command.Length || !command.SequenceEqual(args.Take(command.Length))) continue;
            return args.Select(arg =>
            {
                int equals = arg.IndexOf('=');
                string name = equals < 0 ? arg : arg[..equals];
                return names.TryGetValue(name, out var full) ? full + (equals < 0 ? "" : arg[equals..]) : arg;
            }).ToArray();
        }
        return args;
    }

    /// <summary>
    /// One line on stderr. Under mpirun, bad input is the same on every rank, so only rank 0 reports it; a runtime
    /// failure is reported by the rank that had it, which then aborts the whole job (MPI_Abort) so nothing hangs.
    /// </summary>
    private static int Fail(TextWriter error, string message, int code)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        int? rank = MpiRuntime.LauncherRank;
        if (code == RuntimeFailure || rank is null or 0)
        {
            error.WriteLine(rank is null ? $"steepest: error: {line}" : $"steepest: error: rank {rank}: {line}");
            error.Flush();
        }
        if (MpiRuntime.IsActive)
        {
            if (code == RuntimeFailure) MpiRuntime.Abort(code);
            MpiRuntime.Shutdown();
        }
        return code;
    }
}
