using System.Text.Json;

namespace Steepest.Tests.Cli;

/// <summary>Issue 18's first class: every error names the option the user typed and what is wrong with it, and the exit code follows one rule.</summary>
public sealed class MessageTests
{
    [Theory]
    [InlineData("--params: '3000000000' is too large (at most 2147483647)", "comm", "--params", "3000000000")]
    [InlineData("--workers: '-99999999999' is too small (at least -2147483648)", "comm", "--workers", "-99999999999")]
    [InlineData("--seed: '-4' is too small (at least 0)", "train", "--seed", "-4")]
    [InlineData("--epochs: '2.5' is not a whole number", "train", "--epochs", "2.5")]
    [InlineData("--max-iter: '99999999999999999999' is too large (at most 9223372036854775807)", "converge", "--max-iter", "99999999999999999999")]
    [InlineData("--repeat: 'many' is not a whole number", "bench", "gemm", "--repeat", "many")]
    public void AWholeNumberOutOfRangeSaysTheLimit(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput(args));

    [Theory]
    [InlineData("--schedule: unknown schedule 'bogus'", "train", "--model", "softmax", "--optimizer", "sgd", "--schedule", "bogus")]
    [InlineData("--schedule: schedule 'step:10'", "train", "--model", "softmax", "--optimizer", "adamw", "--schedule", "step:10")]
    [InlineData("--schedule: unknown schedule 'linear'", "sweep", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.1", "--schedule", "linear")]
    [InlineData("--schedule: schedule 'cosine': cosine needs its length here", "converge", "--x", "1", "--y", "1", "--optimizer", "sgd", "--schedule", "cosine")]
    public void ABadScheduleBlamesTheSchedule(string expected, params string[] args)
    {
        string line = CliRunner.AssertBadInput(args);
        Assert.Contains(expected, line);
        if (line.Contains("unknown schedule")) Assert.Contains("cosine (over the whole run, in train)", line);
    }

    [Theory]
    [InlineData("--size must be between 1 and 65536, got 0", "--size", "0")]
    [InlineData("--size must be between 1 and 65536, got 70000", "--size", "70000")]
    [InlineData("--m must be between 1 and 65536, got 0", "--size", "8", "--m", "0")]
    [InlineData("--k must be between 1 and 65536, got -3", "--m", "2", "--n", "2", "--k", "-3")]
    public void BenchGemmNamesTheDimensionTheUserGave(string expected, params string[] args) =>
        Assert.Equal($"steepest: error: {expected}", CliRunner.AssertBadInput(["bench", "gemm", .. args]));

    [Fact]
    public void HelpExamplesCanBePastedIntoAShell()
    {
        var help = CliRunner.Run("derive", "--help");
        Assert.Contains("--grad \"1,2;3,4\"", help.Output);
        // And the unquoted-minus form the README now shows parses.
        Assert.Equal(0, CliRunner.Run("derive", "--norm", "l2", "--grad", "-3,1", "--alpha", "1", "--json").ExitCode);
    }

    [Fact]
    public void BenchGemmRefusesAKernelTheCpuWouldEmulate()
    {
        foreach (var (kernel, accelerated) in new[] { ("vector512", System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated), ("vector256", System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) })
        {
            string[] args = ["bench", "gemm", "--size", "8", "--repeat", "1", "--kernel", kernel, "--json"];
            if (accelerated) Assert.Equal(0, CliRunner.Run(args).ExitCode);
            else Assert.Contains($"--kernel {kernel}: this CPU has no", CliRunner.AssertBadInput(args));
        }
    }

    [Fact]
    public void ADivergingConvergeRunReportsThenExits1LikeTrain()
    {
        var diverged = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--lr", "100", "--json");
        Assert.Equal(1, diverged.ExitCode);
        Assert.Equal("diverging", JsonDocument.Parse(diverged.Output).RootElement.GetProperty("reason").GetString());
        Assert.Equal("steepest: error: sgd diverged: the loss blew up; try a smaller --lr", diverged.Error.Trim());

        var text = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "momentum", "--lr", "50");
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("diverging", text.Output);

        var converged = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--json");
        Assert.True(converged.ExitCode == 0, converged.Error);
        var budget = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--optimizer", "sgd", "--max-iter", "3", "--json");
        Assert.True(budget.ExitCode == 0, budget.Error); // stopped short, but nothing failed: the report says why
    }

    [Theory]
    [InlineData("--grad: empty row (row 3)", "1,2;3,4;")]
    [InlineData("--grad: empty row (row 2)", "1,2;;3,4")]
    [InlineData("--grad: empty row (row 1)", ";1,2")]
    [InlineData("--grad: missing value 3", "1,2,")]
    public void AnEmptyRowIsRejectedLikeAnEmptyValue(string expected, string grad) =>
        Assert.Contains(expected, CliRunner.AssertBadInput("derive", "--norm", "spectral", "--grad", grad, "--alpha", "1"));

    [Theory]
    [InlineData("linf", "0.1,-0.2,0")]
    [InlineData("l1", "0,-0,3")]
    [InlineData("l2", "-0,0")]
    public void JsonNeverPrintsMinusZero(string norm, string grad)
    {
        var result = CliRunner.Run("derive", "--norm", norm, "--grad", grad, "--alpha", "0.3", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotMatch(@"-0(?![.\d])", result.Output);
        Assert.DoesNotContain("-0.0,", result.Output);
        Assert.DoesNotContain("-0]", result.Output);
    }

    [Theory]
    [InlineData("no trainLoss", "{\"epoch\":1,\"foo\":2}")]
    [InlineData("trainLoss is not a number", "{\"epoch\":1,\"trainLoss\":\"low\",\"testLoss\":1}")]
    [InlineData("no testLoss", "{\"epoch\":1,\"trainLoss\":0.5}")]
    [InlineData("not valid JSON", "nonsense{")]
    [InlineData("not a JSON object", "[1, 2]")]
    public void PlotRefusesALogThatIsNotATrainingLog(string expected, string line)
    {
        string folder = Directory.CreateTempSubdirectory("steepest-plot-").FullName;
        try
        {
            string log = Path.Combine(folder, "odd.jsonl");
            File.WriteAllText(log, line + "\n");
            string error = CliRunner.AssertBadInput("plot", log, "-o", Path.Combine(folder, "odd.png"));
            Assert.Contains($"odd.jsonl:1: not a training log line ({expected})", error);
            Assert.DoesNotContain("LineNumber", error);
            Assert.False(File.Exists(Path.Combine(folder, "odd.png")));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Theory]
    [InlineData(1.0000001, "‖x‖_1", "‖g‖_10⁷")]
    [InlineData(1e7, "‖x‖_10⁷", "‖g‖_1")]
    [InlineData(1.5, "‖x‖_1.5", "‖g‖_3")]
    [InlineData(1.00000025, "‖x‖_1", "‖g‖_4·10⁶")]
    public void LpSymbolsWriteExponentsAsMath(double p, string symbol, string dual)
    {
        var norm = new Steepest.Norms.LpNorm(p);
        Assert.Equal(symbol, norm.Symbol);
        Assert.Equal(dual, norm.DualSymbol);
    }
}
