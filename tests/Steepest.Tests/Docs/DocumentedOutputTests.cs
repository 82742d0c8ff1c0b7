using Steepest.Data;
using Steepest.Tests.Cli;
using Steepest.Tests.Distributed.Mpi;

namespace Steepest.Tests.Docs;

/// <summary>
/// Every output the README and docs/*.md show is what the command prints: each <c>$ steepest …</c> block and each
/// <c>&lt;!-- check: … --&gt;</c> comment is run through the built steepest.dll, as a user would paste it, and compared.
/// Timings and speeds are masked (<see cref="PrintedOutput"/>); examples that read MNIST run where the data is found.
/// </summary>
public sealed class DocumentedOutputTests
{
    private static readonly string Root = Repository.Root;
    private static readonly Lazy<IReadOnlyDictionary<string, DocumentedCommand>> Commands =
        new(() => DocumentedCommand.All(Root).ToDictionary(c => c.Location));

    public static TheoryData<string> Plain() => Select(c => !c.Slow && !c.NeedsMpi && !c.NeedsMnist && !c.NeedsCorpus);
    public static TheoryData<string> UnderMpi() => Select(c => !c.Slow && c.NeedsMpi && !c.NeedsMnist);
    public static TheoryData<string> OnMnist() => Select(c => !c.Slow && !c.NeedsMpi && c.NeedsMnist);
    public static TheoryData<string> OnMnistUnderMpi() => Select(c => !c.Slow && c.NeedsMpi && c.NeedsMnist);
    public static TheoryData<string> FullRuns() => Select(c => c.Slow);

    [Theory]
    [MemberData(nameof(Plain))]
    public void PrintsWhatTheDocsShow(string location) => Verify(Commands.Value[location]);

    [MpiTheory]
    [MemberData(nameof(UnderMpi))]
    public void PrintsWhatTheDocsShowUnderMpirun(string location) => Verify(Commands.Value[location]);

    [MnistTheory]
    [MemberData(nameof(OnMnist))]
    public void PrintsWhatTheDocsShowOnMnist(string location) => Verify(Commands.Value[location]);

    [MnistTheory(needsMpi: true)]
    [MemberData(nameof(OnMnistUnderMpi))]
    public void PrintsWhatTheDocsShowOnMnistUnderMpirun(string location) => Verify(Commands.Value[location]);

    [SlowCheckTheory]
    [MemberData(nameof(FullRuns))]
    public void FullTrainingRunsReachTheFiguresTheDocsQuote(string location)
    {
        var command = Commands.Value[location];
        Assert.True(!command.NeedsMnist || MnistFiles.Locate(null) is not null, $"{location} needs MNIST: set $STEEPEST_DATA");
        Assert.True(!command.NeedsMpi || MpiLauncher.SkipReason is null, $"{location}: {MpiLauncher.SkipReason}");
        Assert.True(!command.NeedsCorpus || File.Exists(Environment.GetEnvironmentVariable("STEEPEST_TEXT")), $"{location} needs the fortunes corpus: set $STEEPEST_TEXT");
        Verify(command);
    }

    [Fact]
    public void TheDocsHaveExamplesOfEveryKind()
    {
        var all = Commands.Value.Values;
        Assert.Contains(all, c => c.Expected is not null && c.Location.StartsWith("docs/derive.md", StringComparison.Ordinal));
        Assert.Contains(all, c => c.Expected is null && c.Location.StartsWith("README.md", StringComparison.Ordinal));
        Assert.Contains(all, c => c.Ranks is not null);
        Assert.Contains(all, c => c.Slow && c.NeedsMnist);
        // A full training run in the everyday suite would break its five-minute budget.
        Assert.All(all.Where(c => c.Arguments.Contains("train") && !c.Arguments.Contains("--limit")), c => Assert.True(c.Slow, $"{c.Location} trains on a full dataset: mark it check (slow)"));
    }

    [Fact]
    public void TheComparisonCatchesAChangedFigureButNotATiming()
    {
        string[] table =
        [
            "┌──────┬────────────┬──────────┐",
            "│ ring │ measured s │ messages │",
            "├──────┼────────────┼──────────┤",
            "│ ring │ 0.004      │ 24       │",
            "└──────┴────────────┴──────────┘",
        ];
        var docs = PrintedOutput.Normalize(table);
        Assert.Null(PrintedOutput.Mismatch(docs, PrintedOutput.Normalize(table.Select(l => l.Replace("0.004", "0.125")))));
        Assert.NotNull(PrintedOutput.Mismatch(docs, PrintedOutput.Normalize(table.Select(l => l.Replace("24 ", "25 ")))));
        // A wrapped row equals the same row on one line.
        string[] wrapped = ["┌─────┬─────────┐", "│ a   │ b       │", "├─────┼─────────┤", "│ sgd │ [1, 2,  │", "│     │ 3]      │", "└─────┴─────────┘"];
        string[] flat = ["┌─────┬───────────┐", "│ a   │ b         │", "├─────┼───────────┤", "│ sgd │ [1, 2, 3] │", "└─────┴───────────┘"];
        Assert.Null(PrintedOutput.Mismatch(PrintedOutput.Normalize(wrapped), PrintedOutput.Normalize(flat)));
        // "..." skips lines; anything unshown after the last line is a mismatch.
        Assert.Null(PrintedOutput.Mismatch(["{", "...", "}"], ["{", "\"a\": 1", "}"]));
        Assert.NotNull(PrintedOutput.Mismatch(["{"], ["{", "}"]));
    }

    private static TheoryData<string> Select(Func<DocumentedCommand, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var command in DocumentedCommand.All(Root).Where(predicate)) data.Add(command.Location);
        return data;
    }

    private static void Verify(DocumentedCommand command)
    {
        var run = Run(command);
        string printed = run.Output + run.Error;
        string context = $"{command.Location}: steepest {string.Join(' ', command.Arguments)} (exit {run.ExitCode})\n{printed}";
        if (command.Expected is { } expected)
        {
            bool error = expected.Any(l => l.StartsWith("steepest: error:", StringComparison.Ordinal));
            Assert.True(run.ExitCode == (error ? 2 : 0), context);
            var lines = run.Output.Split('\n').Concat(run.Error.Split('\n')).Where(l => l.Trim().Length > 0);
            string? mismatch = PrintedOutput.Mismatch(PrintedOutput.Normalize(expected.Where(l => l.Trim().Length > 0)), PrintedOutput.Normalize(lines));
            Assert.True(mismatch is null, $"{mismatch}\n\n{context}");
        }
        else
        {
            Assert.True(run.ExitCode == 0, context);
            string flat = string.Join(' ', printed.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            foreach (string fragment in command.Fragments)
                Assert.True(flat.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' is not in the output of {context}");
        }
    }

    private static (int ExitCode, string Output, string Error) Run(DocumentedCommand command)
    {
        string folder = Directory.CreateTempSubdirectory("steepest-docs-").FullName;
        try
        {
            if (command.NeedsCorpus) File.CreateSymbolicLink(Path.Combine(folder, "fortunes.txt"), Path.GetFullPath(Environment.GetEnvironmentVariable("STEEPEST_TEXT")!));
            if (command.Ranks is int ranks)
            {
                var mpi = MpiLauncher.RunIn(folder, ranks, TimeSpan.FromMinutes(command.Slow ? 30 : 3), command.Arguments);
                return (mpi.ExitCode, mpi.Output, mpi.Error);
            }
            var run = SteepestProcess.Run(command.Arguments, TimeSpan.FromMinutes(command.Slow ? 30 : 5), folder, command.Environment);
            return (run.ExitCode, run.Output, run.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
