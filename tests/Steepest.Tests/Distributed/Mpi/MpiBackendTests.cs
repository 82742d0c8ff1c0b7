using System.Diagnostics;
using System.Text.Json;
using Steepest.Distributed;
using Steepest.Tests.Cli;
using Steepest.Tests.Training;

namespace Steepest.Tests.Distributed.Mpi;

/// <summary>
/// The MPI transport against the in-process one, through the real command under mpirun with 2 and 4 ranks: the same
/// counts, bitwise the same averages, the same errors; failures and killed ranks end the job quickly.
/// </summary>
public sealed class MpiBackendTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-mpi-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [MpiTheory]
    [InlineData(2, 1)]
    [InlineData(2, 10007)]
    [InlineData(4, 3)]
    [InlineData(4, 10007)]
    public void CommUnderMpirunMatchesTheInProcessTransport(int ranks, int parameters)
    {
        string p = parameters.ToString();
        var mpi = MpiLauncher.Run(ranks, Patience, "comm", "--backend", "mpi", "--params", p, "--seed", "5", "--repeat", "1", "--json");
        Assert.True(mpi.ExitCode == 0, $"exit {mpi.ExitCode}: {mpi.Error}");
        var rows = JsonDocument.Parse(mpi.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        Assert.Equal(["all-to-all", "parameter-server", "ring", "halving-doubling", "sign", "mpi-allreduce"], rows.Keys);
        Assert.All(rows.Values, r => Assert.Equal("mpi", r.GetProperty("backend").GetString()));
        Assert.All(rows.Values, r => Assert.Equal(ranks, r.GetProperty("ranks").GetInt32()));
        // mpirun may bind each rank to a core of its own, where its process counts one processor: the model's cores are
        // those the ranks run on together (this test's process is not bound, so it sees them all).
        Assert.InRange(rows["ring"].GetProperty("cores").GetDouble(), Math.Min(ranks, Environment.ProcessorCount), Environment.ProcessorCount);

        // The same experiment on in-process threads; the parameter server's server is the last rank in both.
        var model = new AlphaBetaModel(1e-6, 1e-9, 1e-10);
        foreach (string strategy in (string[])["all-to-all", "parameter-server", "ring", "halving-doubling", "sign"])
        {
            int workers = strategy == "parameter-server" ? ranks - 1 : ranks;
            var expected = ReductionExperiment.Run(strategy, workers, parameters, model, repeat: 1, seed: 5);
            var row = rows[strategy];
            Assert.Equal(expected.Workers, row.GetProperty("workers").GetInt32());
            Assert.Equal(expected.Messages, row.GetProperty("messages").GetInt64());
            Assert.Equal(expected.NonEmptyMessages, row.GetProperty("nonEmptyMessages").GetInt64());
            Assert.Equal(expected.MessageValuesMin, row.GetProperty("messageValuesMin").GetInt64());
            Assert.Equal(expected.MessageValuesMax, row.GetProperty("messageValuesMax").GetInt64());
            Assert.Equal(expected.MessageBytesMin, row.GetProperty("messageBytesMin").GetInt64());
            Assert.Equal(expected.MessageBytesMax, row.GetProperty("messageBytesMax").GetInt64());
            Assert.Equal(expected.TotalBytes, row.GetProperty("totalBytes").GetInt64());
            Assert.Equal(expected.BytesPerWorker, row.GetProperty("bytesPerWorker").GetInt64());
            Assert.Equal(expected.MaxRelativeError, row.GetProperty("maxRelativeError").GetDouble());
            // Bitwise the same average on every rank of both transports.
            Assert.Equal(expected.ResultFingerprint.ToString("x16"), row.GetProperty("resultFingerprint").GetString());
        }

        // MPI_Allreduce sums in its own order: the same average to rounding, not bit for bit.
        Assert.InRange(rows["mpi-allreduce"].GetProperty("maxRelativeError").GetDouble(), 0, 1e-6);
    }

    [MpiFact]
    public void AFailingRankAbortsTheJobWithItsMessage()
    {
        var result = MpiLauncher.Run(4, Patience, "comm", "--backend", "mpi", "--params", "100000", "--strategy", "ring", "--inject-failure", "2");
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"took {result.Elapsed}");
        Assert.Contains("steepest: error: rank 2: injected failure on worker 2", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [MpiFact]
    public void KillingOneRankMidRunEndsMpirunNonZeroWithin30Seconds()
    {
        // Long enough to be mid-run when the kill comes: thousands of 4 MiB all-reduces.
        using var job = MpiLauncher.Start(2, "bench", "allreduce", "--backend", "mpi", "--sizes", "4M", "--repeat", "10000");
        _ = job.StandardOutput.ReadToEndAsync();
        _ = job.StandardError.ReadToEndAsync();
        int[] ranks = [];
        var waiting = Stopwatch.StartNew();
        while (ranks.Length < 2 && !job.HasExited && waiting.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(100);
            ranks = MpiLauncher.RankProcesses(job.Id);
        }
        Assert.True(ranks.Length == 2, $"found rank processes [{string.Join(", ", ranks)}]");
        Thread.Sleep(TimeSpan.FromSeconds(4)); // past start-up and MPI_Init, inside the all-reduces
        Assert.False(job.HasExited, "the job ended before the kill");
        MpiLauncher.KillAndExpectTheJobToEnd(job, ranks[^1]);
    }

    [MpiFact]
    public void BenchAllreduceReportsOurStrategiesBesideMpiAllreduce()
    {
        var result = MpiLauncher.Run(2, Patience, "bench", "allreduce", "--backend", "mpi", "--sizes", "4K,64K", "--repeat", "3", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(6, rows.Length);
        Assert.Equal(["ring", "halving-doubling", "mpi-allreduce"], rows.Select(r => r.GetProperty("strategy").GetString()).Distinct());
        foreach (var row in rows)
        {
            Assert.Equal("mpi", row.GetProperty("backend").GetString());
            Assert.Equal(2, row.GetProperty("ranks").GetInt32());
            double bytes = row.GetProperty("bytes").GetDouble(), seconds = row.GetProperty("seconds").GetDouble();
            double algbw = row.GetProperty("algbw").GetDouble(), busbw = row.GetProperty("busbw").GetDouble();
            Assert.True(seconds > 0);
            Assert.Equal(bytes / seconds, algbw, 1e-9 * algbw);
            Assert.Equal(algbw * 2 * (2 - 1) / 2, busbw, 1e-9 * busbw);
        }
    }

    [MpiFact]
    public void TrainingUnderMpirunMatchesInProcessWorkers()
    {
        string data = Path.Combine(folder, "data");
        SyntheticData.WriteMnistFiles(data, 240, 60, gzip: false);
        string[] args = ["train", "--model", "mlp:784-16-10", "--optimizer", "adamw", "--epochs", "2", "--batch", "40", "--data", data, "--seed", "3", "--json"];
        TrainsTheSameUnderMpirunAsInProcess(args);
    }

    [MpiTheory]
    [InlineData("cnn")]
    [InlineData("gpt")]
    public void ConvnetAndGptUnderMpirunMatchInProcessWorkersBitForBit(string model)
    {
        string[] args;
        if (model == "cnn")
        {
            string data = Path.Combine(folder, "images");
            SyntheticData.WriteMnistFiles(data, 96, 32, gzip: false);
            args = ["train", "--model", "cnn:4-8", "--optimizer", "muon", "--epochs", "1", "--batch", "32", "--data", data, "--seed", "3", "--json"];
        }
        else
        {
            string text = Path.Combine(folder, "text.txt");
            File.WriteAllBytes(text, SyntheticText.Bytes(4000, 2));
            args = ["train", "--dataset", $"text:{text}", "--model", "gpt:layers=1,width=8,heads=2,context=16", "--optimizer", "adamw", "--steps", "6",
                "--eval-every", "3", "--eval-windows", "8", "--batch", "6", "--seed", "3", "--json"];
        }
        TrainsTheSameUnderMpirunAsInProcess(args);
    }

    /// <summary>Runs <paramref name="args"/> with 2 MPI ranks and with 2 in-process workers: the losses and accuracy must agree bit for bit.</summary>
    private static void TrainsTheSameUnderMpirunAsInProcess(string[] args)
    {
        var mpi = MpiLauncher.Run(2, Patience, [.. args, "--backend", "mpi"]);
        Assert.True(mpi.ExitCode == 0, $"exit {mpi.ExitCode}: {mpi.Error}");
        var local = CliRunner.Run([.. args, "--workers", "2"]);
        Assert.True(local.ExitCode == 0, local.Error);
        var a = JsonDocument.Parse(mpi.Output).RootElement;
        var b = JsonDocument.Parse(local.Output).RootElement;
        Assert.Equal(2, a.GetProperty("workers").GetInt32());
        foreach (string field in (string[])["testLoss", "testAccuracy", "trainLoss"])
            Assert.True(b.GetProperty(field).GetDouble() == a.GetProperty(field).GetDouble(), $"{field}: in-process {b.GetProperty(field)}, MPI {a.GetProperty(field)}");
    }

    [Fact]
    public void AMissingMpiLibraryIsOneClearLineAndExitCode2()
    {
        // A child process, so the variable cannot leak into other tests' MPI detection.
        var (code, output, error) = SteepestProcess.Run(["comm", "--backend", "mpi", "--params", "10"], TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["STEEPEST_MPI_LIBRARY"] = Path.Combine(folder, "no-such-libmpi.so") });
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("install openmpi-bin, or run without --backend mpi", line);
    }
}
