using System.Text.Json;
using Steepest.Tests.Training;

namespace Steepest.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-sweep-").FullName;

    public SweepCommandTests() => SyntheticData.WriteMnistFiles(Path.Combine(folder, "data"), 160, 40, gzip: true);

    public void Dispose() => Directory.Delete(folder, true);

    private string Data => Path.Combine(folder, "data");

    [Fact]
    public void TheBestRateInTheTableIsTheOneTheLogsSupport()
    {
        string output = Path.Combine(folder, "out"), plot = Path.Combine(folder, "transfer.png");
        var result = CliRunner.Run("sweep", "--dataset", "mnist", "--data", Data, "--model", "mlp:784-8-10,mlp:784-16-10", "--optimizer", "sgd,steepest:modular",
            "--lr", "x1,x30,x1e36", "--seeds", "2", "--epochs", "2", "--batch", "32", "--target-loss", "2.2", "--out", output, "--plot", plot, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2 * 2 * 3 * 2, runs.Count);
        Assert.Contains(runs, r => r.GetProperty("diverged").GetBoolean()); // lr ×1e36 blows up, and the sweep goes on
        foreach (var run in runs)
        {
            foreach (string field in (string[])["model", "optimizer", "learningRate", "seed", "finalLoss", "testAccuracy", "seconds", "diverged", "timeToTarget"])
                Assert.True(run.TryGetProperty(field, out _), $"run misses {field}");
            string[] lines = File.ReadAllLines(run.GetProperty("log").GetString()!);
            if (run.GetProperty("diverged").GetBoolean()) { Assert.Equal(JsonValueKind.Null, run.GetProperty("finalLoss").ValueKind); continue; }
            Assert.Equal(2, lines.Length);
            double logged = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("testLoss").GetDouble();
            Assert.Equal(logged, run.GetProperty("finalLoss").GetDouble());
        }
        var best = json.GetProperty("best").EnumerateArray().ToList();
        Assert.Equal(4, best.Count);
        foreach (var b in best)
        {
            string model = b.GetProperty("model").GetString()!, optimizer = b.GetProperty("optimizer").GetString()!;
            foreach (string field in (string[])["learningRate", "meanFinalLoss", "stdFinalLoss", "testAccuracy", "timeToTarget"])
                Assert.True(b.TryGetProperty(field, out _), $"best misses {field}");
            // Recompute from the logs: mean last testLoss over seeds, per rate, skipping rates where a seed diverged.
            var byRate = runs.Where(r => r.GetProperty("model").GetString() == model && r.GetProperty("optimizer").GetString() == optimizer)
                .GroupBy(r => r.GetProperty("learningRate").GetDouble())
                .Where(g => g.All(r => !r.GetProperty("diverged").GetBoolean()))
                .Select(g => (Rate: g.Key, Mean: g.Average(r => JsonDocument.Parse(File.ReadAllLines(r.GetProperty("log").GetString()!)[^1]).RootElement.GetProperty("testLoss").GetDouble())))
                .OrderBy(x => x.Mean).ThenBy(x => x.Rate).First();
            Assert.Equal(byRate.Rate, b.GetProperty("learningRate").GetDouble());
            Assert.Equal(byRate.Mean, b.GetProperty("meanFinalLoss").GetDouble(), 12);
        }
        var transfer = json.GetProperty("transfer").EnumerateArray().ToList();
        Assert.Equal(["sgd", "steepest:modular"], transfer.Select(t => t.GetProperty("optimizer").GetString()));
        Assert.All(transfer, t => Assert.Equal(2, t.GetProperty("bestLearningRates").GetArrayLength()));
        Assert.True(File.Exists(Path.Combine(output, "sweep.json")));
        Assert.Equal((byte)0x89, File.ReadAllBytes(plot)[0]);

        string again = Path.Combine(folder, "again.png");
        var replot = CliRunner.Run("plot", Path.Combine(output, "sweep.json"), Path.Combine(output, "sweep.json"), "-o", again);
        Assert.True(replot.ExitCode == 0, replot.Error);
        Assert.Equal((byte)0x89, File.ReadAllBytes(again)[0]);
        File.WriteAllText(Path.Combine(folder, "bad.json"), "{\"runs\": 3}");
        Assert.Contains("not a sweep.json", CliRunner.AssertBadInput("plot", Path.Combine(folder, "bad.json"), "-o", again));
    }

    [Fact]
    public void GptSpecsKeepTheirCommasAndTheTableIsPrinted()
    {
        string corpus = Path.Combine(folder, "tiny.txt");
        File.WriteAllText(corpus, string.Concat(Enumerable.Repeat("the cat sat on the mat. ", 60)));
        var result = CliRunner.Run("sweep", "--dataset", $"text:{corpus}", "--model", "gpt:layers=1,width=8,heads=2,context=8,gpt:layers=1,width=16,heads=2,context=8",
            "--optimizer", "adamw", "--lr", "0.003,0.03", "--steps", "4", "--eval-every", "2", "--eval-windows", "4", "--batch", "4", "--out", Path.Combine(folder, "gpt"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("width=16", result.Output);
        Assert.Contains("best lr", result.Output);
        Assert.Contains("adamw: best learning rate per model", result.Output);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(folder, "gpt"), "*.jsonl").Length);
    }

    [Theory]
    [InlineData("empty item", "--model", "mlp:784-8-10", "--optimizer", "sgd,,adamw", "--lr", "0.1")]
    [InlineData("empty item", "--model", "mlp:784-8-10,", "--optimizer", "sgd", "--lr", "0.1")]
    [InlineData("must be > 0", "--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "0.1,0")]
    [InlineData("must be > 0", "--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "-1")]
    [InlineData("unknown optimizer", "--model", "mlp:784-8-10", "--optimizer", "sgd,nonsense", "--lr", "0.1")]
    [InlineData("--model: model", "--model", "mlp:784-8-10,resnet", "--optimizer", "sgd", "--lr", "0.1")]
    [InlineData("listed twice", "--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "0.1,0.1")]
    [InlineData("--seeds", "--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "0.1", "--seeds", "0")]
    [InlineData("not both", "--model", "mlp:784-8-10", "--optimizer", "sgd", "--lr", "0.1", "--target-loss", "1", "--target-accuracy", "0.5")]
    [InlineData("--lr is required", "--model", "mlp:784-8-10", "--optimizer", "sgd")]
    public void BadGridsExit2BeforeAnyRun(string message, params string[] args)
    {
        string output = Path.Combine(folder, "never");
        Assert.Contains(message, CliRunner.AssertBadInput(["sweep", "--data", Data, "--epochs", "1", "--out", output, .. args]));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--lr must be > 0", "--optimizer", "sgd", "--lr", "0.1,0")]
    [InlineData("unknown optimizer 'nonsense'", "--optimizer", "sgd,nonsense", "--lr", "0.1")]
    [InlineData("--lr must be > 0", "--optimizer", "adamw", "--lr", "x-2")]
    public void TheGridIsCheckedBeforeTheDataIsLoaded(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["sweep", "--model", "mlp:784-8-10", "--data", "/no/such/folder", .. args]));
}
