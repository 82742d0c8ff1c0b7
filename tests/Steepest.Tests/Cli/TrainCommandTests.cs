using Steepest.Training;
using System.Text.Json;
using Steepest.Tests.Training;

namespace Steepest.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-train-").FullName;

    public TrainCommandTests() => SyntheticData.WriteMnistFiles(Path.Combine(folder, "data"), 200, 50, gzip: true);

    public void Dispose() => Directory.Delete(folder, true);

    private string Data => Path.Combine(folder, "data");

    [Fact]
    public void JsonHasTheContractFieldsAndTheLogAndPlotAreWritten()
    {
        string log = Path.Combine(folder, "run.jsonl"), plot = Path.Combine(folder, "curves.png");
        var result = CliRunner.Run("train", "--dataset", "mnist", "--model", "mlp:784-16-10", "--optimizer", "adamw", "--epochs", "2", "--batch", "32",
            "--data", Data, "--log", log, "--plot", plot, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        foreach (string field in (string[])["testAccuracy", "testLoss", "epochs", "secondsPerEpoch", "samplesPerSecond", "optimizer", "workers", "strategy"])
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.InRange(json.GetProperty("testAccuracy").GetDouble(), 0, 1);
        Assert.Equal(2, json.GetProperty("epochs").GetInt32());
        Assert.Equal(2, File.ReadAllLines(log).Length);
        Assert.Equal((byte)0x89, File.ReadAllBytes(plot)[0]);

        string comparison = Path.Combine(folder, "cmp.png");
        var plotted = CliRunner.Run("plot", log, log, "-o", comparison);
        Assert.True(plotted.ExitCode == 0, plotted.Error);
        Assert.True(File.Exists(comparison));
    }

    [Fact]
    public void DataParallelRunReportsWorkersAndStrategy()
    {
        var result = CliRunner.Run("train", "--model", "softmax", "--optimizer", "sgd", "--epochs", "1", "--batch", "40", "--data", Data,
            "--workers", "3", "--strategy", "all-to-all", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(3, json.GetProperty("workers").GetInt32());
        Assert.Equal("all-to-all", json.GetProperty("strategy").GetString());
    }

    [Fact]
    public void ACorruptOrTruncatedIdxFileIsExitCode2()
    {
        string images = Path.Combine(Data, "train-images-idx3-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length - 40)]);
        Assert.Contains("bad MNIST data", CliRunner.AssertBadInput("train", "--model", "softmax", "--optimizer", "sgd", "--data", Data));
        File.WriteAllBytes(images, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Contains("bad IDX magic", CliRunner.AssertBadInput("train", "--model", "softmax", "--optimizer", "sgd", "--data", Data));
    }

    [Theory]
    [InlineData("does not exist", "--model", "softmax", "--optimizer", "sgd", "--data", "/no/such/folder")]
    [InlineData("unknown model", "--model", "transformer", "--optimizer", "sgd")]
    [InlineData("unknown optimizer 'adamx'", "--model", "softmax", "--optimizer", "adamx")]
    [InlineData("--model is required", "--optimizer", "sgd")]
    [InlineData("unknown dataset", "--dataset", "cifar10", "--model", "softmax", "--optimizer", "sgd")]
    [InlineData("--epochs must be", "--model", "softmax", "--optimizer", "sgd", "--epochs", "0")]
    [InlineData("--strategy: unknown strategy", "--model", "softmax", "--optimizer", "sgd", "--strategy", "gossip")]
    [InlineData("--lr must be > 0", "--model", "softmax", "--optimizer", "sgd", "--lr", "0")]
    [InlineData("not a checkpoint", "--model", "softmax", "--optimizer", "sgd", "--resume", "/tmp")]
    public void BadArgumentsAreExitCode2(string expected, params string[] args)
    {
        var withData = args.Contains("--data") ? args : [.. args, "--data", Data];
        Assert.Contains(expected, CliRunner.AssertBadInput(["train", .. withData]));
    }

    [Fact]
    public void MissingDataWithoutDownloadIsExitCode2()
    {
        string previousData = Environment.GetEnvironmentVariable("STEEPEST_DATA") ?? "", previousCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? "";
        Environment.SetEnvironmentVariable("STEEPEST_DATA", null);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(folder, "empty-cache"));
        try
        {
            Assert.Contains("MNIST not found", CliRunner.AssertBadInput("train", "--model", "softmax", "--optimizer", "sgd"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("STEEPEST_DATA", previousData.Length == 0 ? null : previousData);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previousCache.Length == 0 ? null : previousCache);
        }
    }

    [Fact]
    public void DivergenceIsExitCode1WithTheEpochAndStep()
    {
        var result = CliRunner.Run("train", "--model", "mlp:784-16-10", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "1", "--data", Data);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("epoch 1, step", result.Error);
    }

    [Fact]
    public void PlotRejectsMissingOrMalformedLogs()
    {
        Assert.Contains("does not exist", CliRunner.AssertBadInput("plot", "/no/such.jsonl", "-o", Path.Combine(folder, "x.png")));
        string bad = Path.Combine(folder, "bad.jsonl");
        File.WriteAllText(bad, "{not json}\n");
        Assert.Contains("not a training log line", CliRunner.AssertBadInput("plot", bad, "-o", Path.Combine(folder, "x.png")));
    }

    [Theory]
    [InlineData("made with learningRate = default, this run has 0.5", "--lr", "0.5")]
    [InlineData("made with trainExamples = 200, this run has 100", "--limit", "100")]
    [InlineData("made with batch = 32, this run has 16", "--batch", "16")]
    [InlineData("made with statePrecision = fp32, this run has int8", "--state-precision", "int8")]
    [InlineData("has 2 epochs, more than the 1 asked for", "--epochs", "1")]
    [InlineData("is torn: generation-14/optimizer.bin is missing, and no older generation is complete", "delete", "optimizer.bin")]
    [InlineData("is torn: generation-14/model.bin is missing, and no older generation is complete", "delete", "model.bin")]
    [InlineData("is torn: generation-14/trainer.json has 10 bytes, manifest.json says", "corrupt", "trainer.json")]
    [InlineData("is torn: generation-14/manifest.json is missing (the save did not finish)", "delete", "manifest.json")]
    public void ACheckpointThisRunCannotContinueIsExit2BeforeTraining(string expected, string change, string value)
    {
        string checkpoint = Path.Combine(folder, "ckpt"), log = Path.Combine(folder, "resumed.jsonl");
        string[] run = ["train", "--model", "mlp:784-8-10", "--optimizer", "adamw", "--batch", "32", "--data", Data];
        var first = CliRunner.Run([.. run, "--epochs", "2", "--save", checkpoint]);
        Assert.True(first.ExitCode == 0, first.Error);
        string[] resume = [.. run, "--epochs", "3", "--resume", checkpoint, "--log", log];
        // A torn part in every generation: nothing complete is left to fall back to.
        foreach (string generation in Directory.GetDirectories(checkpoint, "generation-*"))
            if (change == "delete") File.Delete(Path.Combine(generation, value));
            else if (change == "corrupt") File.WriteAllText(Path.Combine(generation, value), "{ not json");
        else resume = [.. resume.Where((_, i) => !(resume[i] == change || (i > 0 && resume[i - 1] == change))), change, value];
        Assert.Contains(expected, CliRunner.AssertBadInput(resume));
        Assert.False(File.Exists(log), "nothing is written before the checkpoint is checked");
    }

    [Theory]
    [InlineData("--limit 100000: MNIST has 200 training images", "--limit", "100000")]
    [InlineData("--limit 201: MNIST has 200 training images", "--limit", "201")]
    [InlineData("--test-limit 51: MNIST has 50 test images", "--test-limit", "51")]
    public void ALimitPastTheDataIsRefused(string expected, string option, string value) =>
        Assert.Contains(expected, CliRunner.AssertBadInput("train", "--model", "softmax", "--optimizer", "sgd", "--data", Data, option, value));

    [Theory]
    [InlineData("sgd", "1e36")]
    [InlineData("momentum", "1e37")]
    public void ARunThatDivergesAtOnceLeavesNoEmptyLog(string optimizer, string rate)
    {
        string log = Path.Combine(folder, $"diverged-{optimizer}.jsonl");
        var result = CliRunner.Run("train", "--model", "mlp:784-16-10", "--optimizer", optimizer, "--lr", rate, "--epochs", "2", "--batch", "32",
            "--data", Data, "--log", log);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("diverged", result.Error);
        Assert.False(File.Exists(log));
    }
}
