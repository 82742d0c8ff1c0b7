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
        // converge's help names the long options and says they are the --x and --y of the docs.
        var converge = CliRunner.Run("converge", "--help").Output;
        Assert.Contains("also spelled --x", converge);
        Assert.Contains("also spelled --y", converge);
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

    [Theory]
    [InlineData("the update's length (α/2)·‖g‖* ≈ 1e600 overflows a double", "l2", "1e300,1e300", "1e300")]
    [InlineData("the objective −(α/4)·‖g‖*² ≈ −1e399 overflows a double", "l2", "1e200,0", "1")]
    [InlineData("is below the smallest normal double", "l2", "1,2", "1e-320")]
    [InlineData("is below the smallest normal double", "linf", "1", "4.9e-324")]
    [InlineData("below the normal range of a double", "l1", "1e-200,1e-200", "1e-200")]
    public void AnAnswerADoubleCannotHoldIsRefused(string expected, string norm, string grad, string alpha) =>
        Assert.Contains(expected, CliRunner.AssertBadInput("derive", "--norm", norm, "--grad", grad, "--alpha", alpha));

    [Theory]
    [InlineData("l2", "1e200,1", "1e-200")]
    [InlineData("l2", "1e-160,1", "1e-300")]
    [InlineData("lp:3", "1e150,1e150", "1")]
    [InlineData("linf", "1e-150,-3e-150", "1e150")]
    public void AtTheEndsOfTheRangeTheSolverStillAgreesWithTheClosedForm(string norm, string grad, string alpha)
    {
        var result = CliRunner.Run("derive", "--norm", norm, "--grad", grad, "--alpha", alpha, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(json.GetProperty("solverAgrees").GetBoolean(), result.Output);
        Assert.Equal("", result.Error);
        double closed = json.GetProperty("objective").GetDouble(), numeric = json.GetProperty("numericObjective").GetDouble();
        Assert.True(double.IsFinite(closed) && Math.Abs(numeric - closed) <= 1e-4 * Math.Abs(closed), $"{closed} vs {numeric}");
    }

    [Fact]
    public void ASolverThatLandsElsewhereIsReportedNotPrintedSilently()
    {
        var result = CliRunner.Run("derive", "--norm", "lp:1e308", "--grad", "1,2", "--alpha", "1", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.False(JsonDocument.Parse(result.Output).RootElement.GetProperty("solverAgrees").GetBoolean());
        Assert.StartsWith("steepest: warning: the general solver stopped at objective", result.Error);
        Assert.Contains("the closed form is exact", result.Error);
    }

    [Theory]
    [InlineData("row 1 of X is all zeros but its target is 1", "sgd", "0,0,0", "1")]
    [InlineData("row 1 of X is all zeros but its target is 1", "adam", "0,0,0", "1")]
    [InlineData("row 2 of X is all zeros but its target is -2", "sgd", "1,1;0,0", "1,-2")]
    [InlineData("row 1 of X holds 1E+200", "sgd", "1e200,1", "1")]
    [InlineData("row 1 of X holds 1E-200", "epoch-adam", "1e-200,1e-200", "1")]
    [InlineData("target 1 is 1E+300", "sgd", "1,2", "1e300")]
    public void ADegenerateOrUnrepresentableProblemIsExit2(string expected, string optimizer, string x, string y) =>
        Assert.Contains(expected, CliRunner.AssertBadInput("converge", "--x", x, "--y", y, "--optimizer", optimizer));

    [Fact]
    public void AZeroRowWithAZeroTargetIsJustARowThatSaysNothing()
    {
        var result = CliRunner.Run("converge", "--x", "0,0;1,1", "--y", "0,1", "--optimizer", "sgd", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("converged", JsonDocument.Parse(result.Output).RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(0.9009004, "0.900900")]
    [InlineData(0.0990001, "0.0990001")]
    [InlineData(0.00990001, "0.00990001")]
    [InlineData(33.333333, "33.3333")]
    [InlineData(-0.0, "0")]
    [InlineData(2.5e-7, "2.5E-07")]
    public void SignificantDigitsKeepTheZerosThatCarryMeaning(double value, string expected) =>
        Assert.Equal(expected, Steepest.Cli.Infrastructure.Format.Significant(value, 6));

    [Fact]
    public void TheTourAndConvergePrintTheLimitsAsTheExerciseWritesThem()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-tour-").FullName;
        try
        {
            var tour = CliRunner.Run("tour", "--out", folder);
            Assert.True(tour.ExitCode == 0, tour.Error);
            Assert.Contains("θ = [0.9900, 0.0990, 0.0099]", tour.Output);
            Assert.Contains("θ = [0.3333, 3.3333, 33.3333]", tour.Output);
        }
        finally { Directory.Delete(folder, true); }
        var converge = CliRunner.Run("converge", "--x", "1,0.1,0.01", "--y", "1", "--compare");
        Assert.Contains("[0.990001, 0.0990001, 0.00990001]", converge.Output);
    }
}
