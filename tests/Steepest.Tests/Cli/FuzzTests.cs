using System.Reflection;
using CsCheck;
using Spectre.Console.Cli;
using Steepest.Cli.Commands;
using Steepest.Tests.Training;
using Xunit.Abstractions;

namespace Steepest.Tests.Cli;

/// <summary>
/// Generated command lines: every command with random subsets of its own options (read from its settings class, so
/// new options are fuzzed too) and values from pools of the valid, the malformed and the extreme. Whatever the line,
/// the exit code is 0, 1 or 2, stderr holds no stack trace, and bad input (exit 2) leaves nothing at any output path.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-fuzz-").FullName;
    private readonly ITestOutputHelper output;

    public FuzzTests(ITestOutputHelper output)
    {
        this.output = output;
        SyntheticData.WriteMnistFiles(Path.Combine(folder, "data"), 80, 20, gzip: false);
        File.WriteAllText(Path.Combine(folder, "corpus.txt"), string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 40)));
        File.WriteAllText(Path.Combine(folder, "log.jsonl"), "{\"epoch\":1,\"trainLoss\":0.5,\"trainAccuracy\":0.8,\"testLoss\":0.6,\"testAccuracy\":0.7}\n");
        File.WriteAllText(Path.Combine(folder, "garbage.jsonl"), "{\"epoch\":\"one\"}\nnot json\n");
        File.WriteAllText(Path.Combine(folder, "file.txt"), "a file where a folder may be expected\n");
        File.WriteAllText(Path.Combine(folder, "problem.csv"), "x1,x2,y\n1,0.1,1\n0,1,2\n");
    }

    public void Dispose() => Directory.Delete(folder, true);

    /// <summary>
    /// The commands and their settings; tour, the slowest, and serve, which would listen until stopped, are fuzzed on
    /// their parsing only (they always get an unknown option).
    /// </summary>
    private static readonly (string[] Command, Type Settings)[] Commands =
    [
        (["derive"], typeof(DeriveSettings)), (["converge"], typeof(ConvergeSettings)), (["train"], typeof(TrainSettings)),
        (["sweep"], typeof(SweepSettings)), (["plot"], typeof(PlotSettings)), (["comm"], typeof(CommSettings)),
        (["bench", "gemm"], typeof(BenchGemmSettings)), (["bench", "optimizer"], typeof(BenchOptimizerSettings)),
        (["bench", "allreduce"], typeof(BenchAllreduceSettings)), (["tour"], typeof(TourSettings)),
        (["serve"], typeof(Steepest.Cli.Serve.ServeSettings)),
    ];

    /// <summary>Options the fuzzer must not pick: the network, another process's MPI, and the data the harness pins to small files.</summary>
    private static readonly HashSet<string> Pinned = ["--download", "--mirror", "--backend", "--data", "--limit", "--test-limit", "--sizes"];

    private static readonly string[] Numbers = ["-1", "0", "1", "2", "3", "0.5", "1e-3", "2.5", "-0", "NaN", "Infinity", "1e400", "99999999999", "abc", "", "1e9"];
    private static readonly string[] Lists = ["1,2", "3,-1,0.5", "1,2;3,4", "1,2;3", "1,2,", "1,2;3,4;", "", "abc", "1e300,1e300", "0,0,0", "NaN,1", "-3,1", "1e-200,1", "0.001,x0.25"];
    private static readonly Dictionary<string, string[]> Pools = new()
    {
        ["--norm"] = ["l2", "linf", "l1", "lp:3", "lp:1", "lp:abc", "lp:1e308", "weighted", "spectral", "rms", "frobenius", "bogus", ""],
        ["--optimizer"] = ["sgd", "adamw", "muon", "lion", "epoch-adam", "steepest:l2", "steepest:modular", "steepest:bogus", "bogus", "adamw,sgd", ""],
        ["--model"] = ["softmax", "mlp:784-8-10", "mlp:784-10", "mlp:5-3", "cnn:2", "cnn:2-2-2-2-2-2", "gpt:layers=1,width=8,heads=2,context=8", "gpt:layers=1,width=8,heads=3,context=8", "gpt:bogus", "bogus", ""],
        ["--dataset"] = ["mnist", "text:CORPUS", "text:MISSING", "bogus", ""],
        ["--schedule"] = ["constant", "cosine", "cosine:10", "cosine:0", "step:2:0.5", "step:0:1", "warmup:2", "warmup:-1", "1/t:3", "1/sqrt", "bogus", ""],
        ["--strategy"] = ["ring", "all-to-all", "parameter-server", "halving-doubling", "sign", "all", "bogus"],
        ["--kernel"] = ["auto", "vector256", "vector512", "scalar", "bogus"],
        ["--state-precision"] = ["fp32", "bf16", "int8", "INT8", "fp8", ""],
        ["--random"] = ["3x5", "5x3", "0x1", "abc", "2x20"],
        ["--mass"] = ["head=2", "bogus=1", "head=-1", "=", ""],
        ["--coords"] = ["1,2", "0,1", "2,3", "a"],
        ["--batch"] = ["1", "16", "0", "-3", "full", "sample", "abc"],
    };

    /// <summary>Options whose value is a path: to be left alone on bad input.</summary>
    private static readonly HashSet<string> Outputs = ["--out", "--plot", "--log", "--save", "-o", "--output"];

    /// <summary>A valid line per command, which half the cases start from, so that the random options also reach past the required ones.</summary>
    private static readonly Dictionary<string, string[]> Valid = new()
    {
        ["derive"] = ["--norm", "l2", "--grad", "1,2", "--alpha", "1"],
        ["converge"] = ["--x", "1,0.1", "--y", "1", "--optimizer", "sgd"],
        ["train"] = ["--model", "mlp:784-8-10", "--optimizer", "adamw", "--epochs", "1"],
        ["sweep"] = ["--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "0.1", "--epochs", "1"],
        ["comm"] = ["--workers", "2", "--params", "10"],
        ["gemm"] = ["--size", "8", "--repeat", "1"],
        ["optimizer"] = ["--optimizer", "adamw", "--params", "64", "--repeat", "1"],
        ["allreduce"] = ["--ranks", "2", "--repeat", "1", "--warmup", "1"],
        ["plot"] = ["-o", "PNG"],
        ["tour"] = [],
        ["serve"] = ["--port", "0"],
    };

    private sealed record Line(string[] Args, string Text);

    private Gen<string> Value(string option) =>
        Pools.TryGetValue(option, out var pool) ? Gen.OneOfConst(pool).Select(v => v.Replace("CORPUS", Path.Combine(folder, "corpus.txt")).Replace("MISSING", Path.Combine(folder, "none.txt")))
        : Outputs.Contains(option) || option is "--resume" or "--csv" ? Paths
        : option is "--grad" or "--x" or "--y" or "--weights" or "--theta0" or "--lr" or "--inputs-x" or "--targets-y" ? Gen.OneOf(Gen.OneOfConst(Lists), Gen.OneOfConst(Numbers))
        : Gen.OneOfConst(Numbers);

    private Gen<string> Paths => Gen.OneOfConst("new.png", "new.jsonl", "newdir", "missing/x.png", "file.txt", ".", "log.jsonl", "garbage.jsonl", "problem.csv", "")
        .Select(p => p.Length == 0 ? "" : Path.Combine(folder, "run", p));

    private static (string Name, bool Flag)[] OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null)
            .SelectMany(a => a!.LongNames.Select(n => ("--" + n, a.ValueName is null)).Concat(a.ShortNames.Select(n => ("-" + n, a.ValueName is null))))
            .Where(o => !Pinned.Contains(o.Item1) && !(settings == typeof(SweepSettings) && o.Item1 == "--out"))
            .Concat(settings == typeof(ConvergeSettings) ? [("--x", false), ("--y", false)] : [])
            .ToArray();

    private Gen<Line> Lines() =>
        from command in Gen.OneOfConst(Commands)
        let options = OptionsOf(command.Settings)
        from picked in Gen.Int[0, options.Length - 1].Array[0, 7]
        from values in Gen.Int[0, 1 << 20].Array[picked.Length]
        from positional in Gen.OneOfConst("log.jsonl", "garbage.jsonl", "none.jsonl", "file.txt").Array[0, 2]
        from valid in Gen.Bool
        select Build(command.Command, options, picked, values, positional, valid);

    private Line Build(string[] command, (string Name, bool Flag)[] options, int[] picked, int[] seeds, string[] positional, bool valid)
    {
        var args = new List<string>(command);
        if (valid) args.AddRange(Valid[command[^1]].Select(a => a == "PNG" ? Path.Combine(folder, "run", "plot.png") : a));
        if (command[0] is "train" or "sweep") args.AddRange(["--data", Path.Combine(folder, "data"), "--limit", "40", "--test-limit", "10"]);
        // A sweep's default --out is ./sweep: keep every sweep inside the run folder.
        if (command[0] == "sweep") args.AddRange(["--out", Path.Combine(folder, "run", "sweep")]);
        if (command is ["bench", "allreduce"]) args.AddRange(["--sizes", "1K"]);
        if (command[0] == "plot") args.AddRange(positional.Select(p => Path.Combine(folder, p)));
        if (command[0] is "tour" or "serve") args.Add("--no-such-option");
        for (int i = 0; i < picked.Length; i++)
        {
            var (name, flag) = options[picked[i]];
            args.Add(name);
            if (!flag) args.Add(Value(name).Generate(new PCG((uint)seeds[i], 7), null, out _));
        }
        return new Line(args.ToArray(), string.Join(' ', args.Select(a => a.Length == 0 || a.Contains(' ') ? $"'{a}'" : a)));
    }

    [Fact]
    public void TwoThousandDistinctGeneratedCommandLinesExitCleanly()
    {
        string run = Path.Combine(folder, "run");
        var counts = new int[3];
        // Two thousand different lines: about one generated line in eight repeats an earlier one, most often a short
        // valid line of comm or bench allreduce, whose calibration takes seconds and would test nothing new.
        int generated = Property.ForAllDistinct(Lines(), 20261202, 2000, line => line.Text, line =>
        {
            if (Directory.Exists(run)) Directory.Delete(run, true);
            Directory.CreateDirectory(run);
            File.Copy(Path.Combine(folder, "log.jsonl"), Path.Combine(run, "log.jsonl"));
            File.Copy(Path.Combine(folder, "garbage.jsonl"), Path.Combine(run, "garbage.jsonl"));
            File.Copy(Path.Combine(folder, "file.txt"), Path.Combine(run, "file.txt"));
            File.Copy(Path.Combine(folder, "problem.csv"), Path.Combine(run, "problem.csv"));
            var before = Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).ToHashSet();

            var result = CliRunner.Run(line.Args);
            Assert.True(result.ExitCode is 0 or 1 or 2, $"exit {result.ExitCode}");
            counts[result.ExitCode]++;
            Assert.DoesNotContain("   at ", result.Error);
            Assert.DoesNotContain("Exception", result.Error);
            if (result.ExitCode == 2)
            {
                var after = Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).Where(p => !before.Contains(p)).ToList();
                Assert.True(after.Count == 0, $"bad input left {string.Join(", ", after)}; stderr: {result.Error}");
                Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }, line => line.Text);
        output.WriteLine($"{generated} lines generated, 2000 distinct: exit 0: {counts[0]}, exit 1: {counts[1]}, exit 2: {counts[2]}");
        Assert.Equal(2000, counts.Sum());
        // The generator reaches past the argument checks: some lines run, and most are refused.
        Assert.True(counts[0] >= 100, $"only {counts[0]} of 2000 lines ran");
        Assert.True(counts[2] >= 1000, $"only {counts[2]} of 2000 lines were refused");
    }
}
