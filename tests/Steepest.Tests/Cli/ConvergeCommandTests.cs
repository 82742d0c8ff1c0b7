using System.Text.Json;

namespace Steepest.Tests.Cli;

public sealed class ConvergeCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var result = CliRunner.Run(["converge", .. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    private static double[] Vector(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void CompareGivesTheThreeVectorsOfProblem2()
    {
        var runs = Json("--x", "1,0.1,0.01", "--y", "1", "--compare").EnumerateArray().ToDictionary(r => r.GetProperty("optimizer").GetString()!);
        Assert.Equal(["sgd", "epoch-adam", "adam", "rescale+sgd"], runs.Keys);
        var expected = new Dictionary<string, double[]>
        {
            ["sgd"] = [1 / 1.0101, 0.1 / 1.0101, 0.01 / 1.0101],       // 2(a)
            ["epoch-adam"] = [1 / 1.11, 1 / 1.11, 1 / 1.11],            // 2(b)
            ["rescale+sgd"] = [1 / 3.0, 10 / 3.0, 100 / 3.0],           // 2(c)
            ["adam"] = [1 / 1.11, 1 / 1.11, 1 / 1.11],                  // full Adam, for contrast (ε = 1e-8 leaves ~4e-7)
        };
        foreach (var (name, vector) in expected)
        {
            var theta = Vector(runs[name], "theta");
            double tolerance = name == "adam" ? 1e-5 : 1e-6;
            for (int i = 0; i < 3; i++) Assert.True(Math.Abs(theta[i] - vector[i]) <= tolerance, $"{name}[{i}] = {theta[i]}");
            Assert.True(runs[name].GetProperty("converged").GetBoolean());
        }
    }

    [Fact]
    public void SingleRunJsonHasTheContractFields()
    {
        var json = Json("--x", "1,0,2;0,1,1", "--y", "1,2", "--optimizer", "sgd", "--batch", "full");
        foreach (string field in (string[])["optimizer", "theta", "loss", "iterations", "converged", "reason", "predicted", "predictionRule", "distanceToPrediction"])
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("converged", json.GetProperty("reason").GetString());
        Assert.True(json.GetProperty("distanceToPrediction").GetDouble() < 1e-6);
        var none = Json("--x", "1,0,2;0,1,1", "--y", "1,2", "--optimizer", "steepest:l1", "--batch", "full");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("predicted").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("distanceToPrediction").ValueKind);
    }

    [Fact]
    public void WilsonPrintsBothTestErrors()
    {
        var result = CliRunner.Run("converge", "--wilson", "20", "--seed", "1", "--compare");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("test error", result.Output);
        var runs = Json("--wilson", "20", "--seed", "1", "--compare").EnumerateArray().ToDictionary(r => r.GetProperty("optimizer").GetString()!);
        Assert.Equal(0, runs["sgd"].GetProperty("testError").GetDouble());
        Assert.True(runs["adam"].GetProperty("testError").GetDouble() >= 0.1);
    }

    [Fact]
    public void ReadsCsvFiles()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "x1,x2,x3,y\n1,0.1,0.01,1\n");
            var json = Json("--csv", path, "--optimizer", "sgd");
            Assert.Equal(1 / 1.0101, Vector(json, "theta")[0], 1e-6);
            File.WriteAllText(path, "1,2,3\n4,5\n");
            Assert.Contains("2 columns", CliRunner.AssertBadInput("converge", "--csv", path, "--optimizer", "sgd"));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--wilson needs a value", "--wilson")]
    [InlineData("ragged", "--x", "1,2;3", "--y", "1,2", "--optimizer", "sgd")]
    [InlineData("--y has 1 values but --x has 2 rows", "--x", "1,2;3,4", "--y", "1", "--optimizer", "sgd")]
    [InlineData("is not a number", "--x", "1,two", "--y", "1", "--optimizer", "sgd")]
    [InlineData("is not a number", "--x", "1,2", "--y", "one", "--optimizer", "sgd")]
    [InlineData("--tol must be > 0", "--x", "1,2", "--y", "1", "--optimizer", "sgd", "--tol", "0")]
    [InlineData("--tol must be > 0", "--x", "1,2", "--y", "1", "--optimizer", "sgd", "--tol=-1")]
    [InlineData("unknown optimizer 'adamx'", "--x", "1,2", "--y", "1", "--optimizer", "adamx")]
    [InlineData("--optimizer is required", "--x", "1,2", "--y", "1")]
    [InlineData("give a problem", "--optimizer", "sgd")]
    [InlineData("exactly one of", "--x", "1,2", "--y", "1", "--random", "2x5", "--optimizer", "sgd")]
    [InlineData("--random must look like", "--random", "banana", "--optimizer", "sgd")]
    [InlineData("needs --weights", "--x", "1,2", "--y", "1", "--optimizer", "steepest:weighted")]
    [InlineData("--schedule", "--x", "1,2", "--y", "1", "--optimizer", "sgd", "--schedule", "zigzag")]
    [InlineData("--batch must be", "--x", "1,2", "--y", "1", "--optimizer", "sgd", "--batch", "half")]
    [InlineData("--theta0 has 3 values", "--x", "1,2", "--y", "1", "--optimizer", "sgd", "--theta0", "1,2,3")]
    [InlineData("does not exist", "--csv", "/no/such.csv", "--optimizer", "sgd")]
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args) =>
        Assert.Contains(expected, CliRunner.AssertBadInput(["converge", .. args]));
}
