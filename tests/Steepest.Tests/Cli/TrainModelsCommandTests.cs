using Steepest.Training;
using System.Text.Json;
using Steepest.Tests.Training;

namespace Steepest.Tests.Cli;

/// <summary>steepest train with --model cnn:… and gpt:…, --dataset fashion-mnist and text:FILE.</summary>
public sealed class TrainModelsCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-models-").FullName;

    public TrainModelsCommandTests()
    {
        SyntheticData.WriteMnistFiles(Images, 64, 32, gzip: true);
        File.WriteAllBytes(Text, SyntheticText.Bytes(5000, 3));
    }

    public void Dispose() => Directory.Delete(folder, true);

    private string Images => Path.Combine(folder, "images");
    private string Text => Path.Combine(folder, "text.txt");

    private static readonly string[] Gpt = ["--model", "gpt:layers=1,width=8,heads=2,context=16", "--optimizer", "adamw", "--batch", "4"];

    [Fact]
    public void TextRunsReportValidationLossStepsAndTokensPerSecond()
    {
        string log = Path.Combine(folder, "gpt.jsonl"), plot = Path.Combine(folder, "gpt.png");
        var result = CliRunner.Run(["train", "--dataset", $"text:{Text}", .. Gpt, "--steps", "10", "--eval-every", "4", "--eval-windows", "5", "--log", log, "--plot", plot, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        foreach (string field in (string[])["testAccuracy", "testLoss", "epochs", "secondsPerEpoch", "samplesPerSecond", "optimizer", "workers", "strategy",
            "model", "parameters", "trainSeconds", "valLoss", "steps", "tokensPerSecond", "trainLoss", "plan"])
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("gpt:layers=1,width=8,heads=2,context=16", json.GetProperty("model").GetString());
        Assert.Equal(10, json.GetProperty("steps").GetInt32());
        Assert.Equal(json.GetProperty("testLoss").GetDouble(), json.GetProperty("valLoss").GetDouble());
        double tokens = 10 * 4 * 16;
        Assert.Equal(tokens / json.GetProperty("trainSeconds").GetDouble(), json.GetProperty("tokensPerSecond").GetDouble(), 1e-6 * tokens);
        // One row per evaluation: steps 4, 8 and the last one, 10.
        var rows = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([4, 8, 10], rows.Select(r => r.GetProperty("step").GetInt32()));
        Assert.All(rows, r => Assert.True(r.TryGetProperty("valLoss", out _) && r.TryGetProperty("tokensPerSecond", out _)));
        Assert.Equal((byte)0x89, File.ReadAllBytes(plot)[0]);
        var plotted = CliRunner.Run("plot", log, "-o", Path.Combine(folder, "cmp.png"));
        Assert.True(plotted.ExitCode == 0, plotted.Error);
    }

    [Fact]
    public void ConvnetRunsReportTheModelAndParameters()
    {
        var result = CliRunner.Run("train", "--model", "cnn:4-8", "--optimizer", "muon", "--epochs", "1", "--batch", "16", "--data", Images, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("cnn:4-8", json.GetProperty("model").GetString());
        Assert.Equal(4 * 9 + 4 + 8 * 36 + 8 + 10 * 7 * 7 * 8 + 10, json.GetProperty("parameters").GetInt32());
        Assert.Equal(1, json.GetProperty("epochs").GetInt32());
        Assert.True(json.GetProperty("trainSeconds").GetDouble() > 0);
        Assert.Contains("orthogonalize", json.GetProperty("plan").GetString());
    }

    [Fact]
    public void AGptTrainsWithTheModularNormAndResumesBitForBitWithItsMasses()
    {
        string straight = Path.Combine(folder, "m1"), split = Path.Combine(folder, "m2");
        string[] run = ["train", "--dataset", $"text:{Text}", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--optimizer", "steepest:modular",
            "--batch", "4", "--eval-every", "2", "--eval-windows", "4", "--mass", "head=2,tokens=1", "--momentum", "0.8", "--json"];
        var full = CliRunner.Run([.. run, "--steps", "4", "--save", straight]);
        Assert.True(full.ExitCode == 0, full.Error);
        var json = JsonDocument.Parse(full.Output).RootElement;
        Assert.Contains("scale_by_modular_direction", json.GetProperty("plan").GetString());
        Assert.True(double.IsFinite(json.GetProperty("valLoss").GetDouble()));
        Assert.True(CliRunner.Run([.. run, "--steps", "2", "--save", split]).ExitCode == 0);
        var second = CliRunner.Run([.. run, "--steps", "4", "--resume", split, "--save", split]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "model.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(split), "model.bin")));
        var other = CliRunner.Run(["train", "--dataset", $"text:{Text}", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--optimizer", "steepest:modular",
            "--batch", "4", "--eval-every", "2", "--eval-windows", "4", "--momentum", "0.8", "--steps", "4", "--resume", split]);
        Assert.Contains("masses = head=2,tokens=1", other.Error);
    }

    [Fact]
    public void FashionMnistIsReadFromDataLikeMnist()
    {
        var result = CliRunner.Run("train", "--dataset", "fashion-mnist", "--model", "softmax", "--optimizer", "sgd", "--epochs", "1", "--data", Images, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("Fashion-MNIST", JsonDocument.Parse(result.Output).RootElement.GetProperty("dataset").GetString());
    }

    [Fact]
    public void ATextRunResumedForMoreStepsEqualsOneLongRunBitForBit()
    {
        string straight = Path.Combine(folder, "a"), split = Path.Combine(folder, "b");
        string[] run = ["train", "--dataset", $"text:{Text}", .. Gpt, "--eval-every", "3", "--eval-windows", "4", "--json"];
        var full = CliRunner.Run([.. run, "--steps", "9", "--save", straight]);
        Assert.True(full.ExitCode == 0, full.Error);
        var first = CliRunner.Run([.. run, "--steps", "6", "--save", split]);
        Assert.True(first.ExitCode == 0, first.Error);
        var second = CliRunner.Run([.. run, "--steps", "9", "--resume", split, "--save", split]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "model.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(split), "model.bin")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoint.Latest(straight), "optimizer.bin")), File.ReadAllBytes(Path.Combine(Checkpoint.Latest(split), "optimizer.bin")));
        Assert.Equal(JsonDocument.Parse(full.Output).RootElement.GetProperty("valLoss").GetDouble(), JsonDocument.Parse(second.Output).RootElement.GetProperty("valLoss").GetDouble());

        // A cosine schedule spans the run it was started with: stretching it on resume is refused.
        var cosine = CliRunner.Run([.. run, "--steps", "6", "--schedule", "cosine", "--save", Path.Combine(folder, "c")]);
        Assert.True(cosine.ExitCode == 0, cosine.Error);
        var stretched = CliRunner.Run([.. run, "--steps", "9", "--schedule", "cosine", "--resume", Path.Combine(folder, "c")]);
        Assert.NotEqual(0, stretched.ExitCode);
        Assert.Contains("resolvedSchedule = cosine:6, this run has cosine:9", stretched.Error);
    }

    [Theory]
    [InlineData("is empty", "empty")]
    [InlineData("shorter than one window", "short")]
    [InlineData("does not exist", "missing")]
    [InlineData("needs a file name", "none")]
    public void BadTextFilesAreExitCode2(string expected, string kind)
    {
        string path = Path.Combine(folder, kind + ".txt");
        if (kind == "empty") File.WriteAllBytes(path, []);
        if (kind == "short") File.WriteAllText(path, "only a few bytes of text here");
        string dataset = kind == "none" ? "text:" : $"text:{path}";
        Assert.Contains(expected, CliRunner.AssertBadInput(["train", "--dataset", dataset, .. Gpt]));
    }

    [Theory]
    [InlineData("needs images", "--model", "cnn:8")]
    [InlineData("language model", "--model", "gpt:layers=1,width=8,heads=2,context=4")]
    [InlineData("at most 4 blocks", "--model", "cnn:1-1-1-1-1")]
    [InlineData("not a channel count", "--model", "cnn:8-0")]
    [InlineData("unknown model", "--model", "vgg16")]
    [InlineData("has no module 'nothing' to give a mass", "--model", "cnn:8", "--optimizer", "steepest:modular", "--mass", "nothing=2")]
    [InlineData("--mass must be > 0", "--model", "cnn:8", "--optimizer", "steepest:modular", "--mass", "head=0")]
    [InlineData("is not NAME=MASS", "--model", "cnn:8", "--optimizer", "steepest:modular", "--mass", "head")]
    [InlineData("takes no momentum", "--model", "cnn:8", "--optimizer", "adamw", "--momentum", "0.5")]
    [InlineData("momentum must be in [0, 1)", "--model", "cnn:8", "--optimizer", "momentum", "--momentum", "1.5")]
    [InlineData("--steps, --eval-every and --eval-windows apply to text", "--model", "cnn:8", "--steps", "5")]
    public void BadImageRunsAreExitCode2(string expected, params string[] args)
    {
        var withData = args[1].StartsWith("cnn:8", StringComparison.Ordinal) && expected == "needs images"
            ? ["--dataset", $"text:{Text}", .. args] // a convnet on text
            : args;
        string[] optimizer = withData.Contains("--optimizer") ? [] : ["--optimizer", "sgd"];
        Assert.Contains(expected, CliRunner.AssertBadInput(["train", .. withData, .. optimizer, "--data", Images]));
    }

    [Theory]
    [InlineData("heads do not divide", "--model", "gpt:layers=1,width=10,heads=3,context=4")]
    [InlineData("is not one of", "--model", "gpt:depth=2")]
    [InlineData("for text use gpt", "--model", "mlp:784-10")]
    [InlineData("counted with --steps", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--epochs", "2")]
    [InlineData("--limit and --test-limit apply to image", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--limit", "2")]
    [InlineData("--steps must be", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--steps", "0")]
    [InlineData("--eval-every must be", "--model", "gpt:layers=1,width=8,heads=2,context=4", "--eval-every", "0")]
    public void BadTextRunsAreExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["train", "--dataset", $"text:{Text}", .. args, "--optimizer", "sgd"]));
}
