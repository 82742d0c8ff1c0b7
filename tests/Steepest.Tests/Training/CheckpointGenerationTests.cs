using System.Diagnostics;
using Xunit.Abstractions;
using Steepest.Tests.Cli;
using Steepest.Training;

namespace Steepest.Tests.Training;

/// <summary>
/// Checkpoints as one unit: every save is a new generation published by one rename with a SHA-256 manifest; a torn
/// newest generation is skipped with a warning; a kill at any point of a save leaves a checkpoint that resumes bit for bit.
/// </summary>
public sealed class CheckpointGenerationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-generations-").FullName;
    private readonly ITestOutputHelper output;

    public CheckpointGenerationTests(ITestOutputHelper output)
    {
        this.output = output;
        SyntheticData.WriteMnistFiles(Data, 200, 50, gzip: false);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private string Data => Path.Combine(folder, "data");

    private string[] Run(int epochs, params string[] more) =>
        ["train", "--model", "mlp:784-8-10", "--optimizer", "adamw", "--batch", "32", "--data", Data, "--epochs", epochs.ToString(), .. more];

    private static string[] GenerationNames(string checkpoint) =>
        Directory.GetDirectories(checkpoint).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void EachSaveIsAGenerationAndTheOneBeforeItStays()
    {
        string checkpoint = Path.Combine(folder, "ckpt");
        Assert.Equal(0, CliRunner.Run(Run(3, "--save", checkpoint)).ExitCode);
        // 200 examples at batch 32: 7 steps an epoch. Epoch 1's generation went when epoch 3's was complete.
        Assert.Equal(["generation-14", "generation-21"], GenerationNames(checkpoint));
        foreach (string part in (string[])["model.bin", "optimizer.bin", "trainer.json", "manifest.json"])
            Assert.True(File.Exists(Path.Combine(checkpoint, "generation-21", part)), part);
        Assert.Equal(Path.Combine(checkpoint, "generation-21"), Checkpoint.Latest(checkpoint));
        Assert.Null(Checkpoint.Select(checkpoint).FallbackNote);
    }

    [Fact]
    public void ATornNewestGenerationFallsBackToThePreviousOneAndSaysSo()
    {
        string straight = Path.Combine(folder, "straight"), torn = Path.Combine(folder, "torn");
        Assert.Equal(0, CliRunner.Run(Run(3, "--save", straight)).ExitCode);
        Assert.Equal(0, CliRunner.Run(Run(2, "--save", torn)).ExitCode);
        // One flipped byte, the length unchanged: only the checksum can tell.
        string optimizer = Path.Combine(torn, "generation-14", "optimizer.bin");
        byte[] bytes = File.ReadAllBytes(optimizer);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(optimizer, bytes);

        var note = Checkpoint.Select(torn).FallbackNote;
        Assert.Equal($"the newest checkpoint in '{torn}', generation-14, is torn (optimizer.bin does not match its SHA-256 in manifest.json); resuming from generation-7", note);
        var resumed = CliRunner.Run(Run(3, "--resume", torn, "--save", torn));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"steepest: warning: {note}", resumed.Error);
        // Epochs 2 and 3 again from epoch 1's state: the same bits as the run that was never torn.
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "model.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(torn), "model.bin")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "optimizer.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(torn), "optimizer.bin")));
        Assert.Equal(["generation-14", "generation-21"], GenerationNames(torn));
    }

    [Fact]
    public void AKilledSavesLeftoversAreIgnoredAndCleanedAndAFreshRunSupersedesTheFolder()
    {
        string checkpoint = Path.Combine(folder, "ckpt");
        Assert.Equal(0, CliRunner.Run(Run(3, "--save", checkpoint)).ExitCode);
        // What a save killed before its rename leaves: a hidden staging folder, and a generation without a manifest.
        string staging = Path.Combine(checkpoint, ".generation-28.123.abc.tmp");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "model.bin"), "half");
        Assert.Equal(Path.Combine(checkpoint, "generation-21"), Checkpoint.Latest(checkpoint));

        // A new run saving into the folder (not resuming from it) replaces the other run's generations.
        Assert.Equal(0, CliRunner.Run(Run(1, "--save", checkpoint, "--seed", "3")).ExitCode);
        Assert.Equal(["generation-7"], GenerationNames(checkpoint));
    }

    [Fact]
    public void AFolderWithoutACompleteGenerationIsExit2NamingTheFile()
    {
        string checkpoint = Path.Combine(folder, "ckpt");
        Assert.Equal(0, CliRunner.Run(Run(1, "--save", checkpoint)).ExitCode);
        string manifest = Path.Combine(checkpoint, "generation-7", "manifest.json");
        foreach (string garbage in (string[])["{ not json", "{\"files\": {\"model.bin\": {\"bytes\": \"many\"}}}", "[]"])
        {
            File.WriteAllText(manifest, garbage);
            Assert.Contains("is torn: generation-7/manifest.json is corrupt", CliRunner.AssertBadInput(Run(2, "--resume", checkpoint)));
        }
        File.Delete(manifest);
        Assert.Equal($"steepest: error: --resume: the checkpoint in '{checkpoint}' is torn: generation-7/manifest.json is missing (the save did not finish), and no older generation is complete",
            CliRunner.AssertBadInput(Run(2, "--resume", checkpoint)));
        Directory.Delete(Path.Combine(checkpoint, "generation-7"), true);
        Assert.Contains("is not a checkpoint", CliRunner.AssertBadInput(Run(2, "--resume", checkpoint)));
    }

    [Fact]
    public void ACheckpointOfTheFlatLayoutStillResumes()
    {
        string straight = Path.Combine(folder, "straight"), flat = Path.Combine(folder, "flat");
        Assert.Equal(0, CliRunner.Run(Run(2, "--save", straight)).ExitCode);
        Assert.Equal(0, CliRunner.Run(Run(1, "--save", flat)).ExitCode);
        // The layout before generations: the three parts directly in the folder.
        foreach (string part in (string[])["model.bin", "optimizer.bin", "trainer.json"])
            File.Move(Path.Combine(flat, "generation-7", part), Path.Combine(flat, part));
        Directory.Delete(Path.Combine(flat, "generation-7"), true);
        string resumed = Path.Combine(folder, "resumed");
        var result = CliRunner.Run(Run(2, "--resume", flat, "--save", resumed));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "model.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(resumed), "model.bin")));
    }

    /// <summary>
    /// #16's kill test: a child process trains with --save and is killed with SIGKILL at 20 random points inside a
    /// save (its staging folder seen, then a random delay), then resumed to the end. Every time the result is the
    /// uninterrupted run's, bit for bit, whether it resumed from the newest generation or fell back.
    /// </summary>
    [Fact]
    public void SigkillInsideASaveNeverLeavesATornStateToLoad()
    {
        // Few examples and a wide model: a save (8 MB of parameters and state, hashed and flushed) is most of an epoch.
        string[] run = ["train", "--model", "mlp:784-512-512-10", "--optimizer", "adamw", "--batch", "32", "--limit", "64", "--test-limit", "10", "--data", Data, "--epochs", "12"];
        string reference = Path.Combine(folder, "reference");
        Assert.Equal(0, Child([.. run, "--save", reference]).WaitForExitCode());
        byte[] expected = File.ReadAllBytes(Path.Combine(Checkpoint.Latest(reference), "model.bin"));

        var random = new Random(16);
        int insideSave = 0;
        for (int trial = 0; trial < 20; trial++)
        {
            string checkpoint = Path.Combine(folder, $"killed-{trial}");
            using (var child = Child([.. run, "--save", checkpoint]))
            {
                // Wait for a complete generation, then for the next save to begin, then kill it somewhere inside.
                var clock = Stopwatch.StartNew();
                while (!Directory.Exists(checkpoint) || !Directory.GetDirectories(checkpoint, "generation-*").Any()) Poll(child, clock);
                while (!Directory.GetDirectories(checkpoint, ".generation-*").Any() && !child.Process.HasExited) Poll(child, clock);
                Thread.Sleep(random.Next(0, 15));
                if (!child.Process.HasExited)
                {
                    if (Directory.GetDirectories(checkpoint, ".generation-*").Any()) insideSave++;
                    child.Process.Kill();
                }
                child.Process.WaitForExit();
            }
            using var resume = Child([.. run, "--resume", checkpoint, "--save", checkpoint]);
            int code = resume.WaitForExitCode();
            Assert.True(code == 0, $"trial {trial}: resume exited {code}: {resume.Error}");
            Assert.True(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(checkpoint), "model.bin")).AsSpan().SequenceEqual(expected), $"trial {trial}: the resumed run differs");
            Assert.Empty(Directory.GetDirectories(checkpoint, ".generation-*"));
        }
        output.WriteLine($"{insideSave} of 20 kills landed inside a save");
        // Most kills land inside a save; a kill that lands between two saves is a valid trial too.
        Assert.True(insideSave >= 10, $"only {insideSave} of 20 kills landed inside a save");
    }

    private static void Poll(ChildRun child, Stopwatch clock)
    {
        Assert.False(child.Process.HasExited && child.Process.ExitCode != 0, $"the run failed: {child.Error}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no save began within 60 s");
        Thread.Sleep(1);
    }

    private static ChildRun Child(string[] args) => new(SteepestProcess.Start(args));

    /// <summary>A child steepest process whose output is drained as it runs.</summary>
    private sealed class ChildRun : IDisposable
    {
        private readonly Task<string> error;

        public ChildRun(Process process)
        {
            Process = process;
            _ = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public string Error => error.IsCompleted ? error.Result : "";

        public int WaitForExitCode()
        {
            if (!Process.WaitForExit(TimeSpan.FromMinutes(2))) { Process.Kill(); Assert.Fail("the child did not finish within 2 minutes"); }
            Process.WaitForExit();
            return Process.ExitCode;
        }

        public void Dispose() => Process.Dispose();
    }
}
