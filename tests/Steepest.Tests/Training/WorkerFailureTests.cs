using System.Diagnostics;
using Steepest.Tests.Cli;
using Steepest.Tests.Distributed.Mpi;
using Steepest.Training;

namespace Steepest.Tests.Training;

/// <summary>
/// A rank that dies in training: in process a worker that throws ends train with exit 1 and its message; under
/// mpirun a failing rank, or one killed with SIGKILL mid-epoch, ends the whole job within 30 s. Either way the last
/// completed checkpoint stays loadable and resumes to the uninterrupted run's bits.
/// </summary>
public sealed class WorkerFailureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-failure-").FullName;

    public WorkerFailureTests() => SyntheticData.WriteMnistFiles(Data, 240, 60, gzip: false);

    public void Dispose() => Directory.Delete(folder, true);

    private string Data => Path.Combine(folder, "data");

    private string[] Run(int epochs, params string[] more) => [.. Ranked(epochs), "--workers", "4", .. more];

    /// <summary>The same run for mpirun, which sets the workers.</summary>
    private string[] Ranked(int epochs, params string[] more) =>
        ["train", "--model", "mlp:784-16-10", "--optimizer", "adamw", "--batch", "32", "--data", Data, "--epochs", epochs.ToString(), .. more];

    [Fact]
    public void AWorkerThatThrowsEndsTrainWithExit1AndItsMessageAndTheCheckpointResumes()
    {
        string straight = Path.Combine(folder, "straight"), failed = Path.Combine(folder, "failed");
        Assert.Equal(0, CliRunner.Run(Run(3, "--save", straight)).ExitCode);
        var result = CliRunner.Run(Run(3, "--save", failed, "--inject-failure", "2"));
        Assert.Equal(1, result.ExitCode);
        // 240 examples at batch 32: 8 steps an epoch; the worker throws in the middle of epoch 2.
        Assert.Equal("steepest: error: rank 2 failed: injected failure on worker 2 at step 13", result.Error.Trim().Split('\n')[^1]);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal(Path.Combine(failed, "generation-8"), Checkpoint.Latest(failed));
        var resumed = CliRunner.Run(Run(3, "--resume", failed, "--save", failed));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "model.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(failed), "model.bin")));
    }

    [Theory]
    [InlineData("--inject-failure must name a rank in 0..3, got 4", "--workers", "4", "--inject-failure", "4")]
    [InlineData("--inject-failure must name a rank in 0..4, got 5", "--workers", "4", "--strategy", "parameter-server", "--inject-failure", "5")]
    [InlineData("--inject-failure must name a rank in 0..0, got 1", "--inject-failure", "1")]
    [InlineData("--inject-failure must name a rank in 0..3, got -1", "--workers", "4", "--inject-failure", "-1")]
    public void AFailureInjectedIntoNoRankIsRefused(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput([.. Ranked(2), .. args]));

    [MpiFact]
    public void AFailingRankEndsTheMpiJobWithItsMessage()
    {
        var result = MpiLauncher.Run(4, TimeSpan.FromSeconds(120), Ranked(3, "--backend", "mpi", "--inject-failure", "1"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("steepest: error: rank 1: injected failure on worker 1 at step 13", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(60), $"took {result.Elapsed}");
    }

    [MpiFact]
    public void SigkillOfOneRankMidEpochEndsTheJobWithin30SecondsAndTheLastCheckpointResumes()
    {
        string checkpoint = Path.Combine(folder, "killed");
        // Many epochs, so the job is still training when the kill comes.
        using var job = MpiLauncher.Start(4, Ranked(2000, "--backend", "mpi", "--save", checkpoint));
        _ = job.StandardOutput.ReadToEndAsync();
        var error = job.StandardError.ReadToEndAsync();
        var waiting = Stopwatch.StartNew();
        while (!(Directory.Exists(checkpoint) && Directory.GetDirectories(checkpoint, "generation-*").Length > 0) && !job.HasExited && waiting.Elapsed < TimeSpan.FromSeconds(90))
            Thread.Sleep(20);
        Assert.False(job.HasExited, $"the job ended before the kill: {(error.IsCompleted ? error.Result : "")}");
        int[] ranks = MpiLauncher.RankProcesses(job.Id);
        Assert.True(ranks.Length == 4, $"found rank processes [{string.Join(", ", ranks)}]");
        Thread.Sleep(137); // inside an epoch: a few of its 8 steps
        MpiLauncher.KillAndExpectTheJobToEnd(job, ranks[^1]);

        // The last completed checkpoint is whole; in-process workers continue it (one more epoch past it).
        string latest = Checkpoint.Latest(checkpoint);
        Assert.Null(Checkpoint.Select(checkpoint).FallbackNote);
        int epochs = int.Parse(Path.GetFileName(latest)["generation-".Length..]) / 8 + 1;
        var resumed = CliRunner.Run([.. Run(epochs, "--resume", checkpoint)]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
    }
}
