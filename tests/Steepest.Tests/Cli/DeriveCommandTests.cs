using System.Text.Json;
using CsCheck;

namespace Steepest.Tests.Cli;

public sealed class DeriveCommandTests
{
    private static JsonElement DeriveJson(params string[] args)
    {
        var result = CliRunner.Run(["derive", .. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    private static double[] Array(JsonElement element, string name) => element.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void Problem1aL2GivesGradientDescentWithHalfAlpha()
    {
        var json = DeriveJson("--norm", "l2", "--grad", "3,-1,0.5", "--alpha", "0.1");
        double[] expected = [-0.05 * 3, -0.05 * -1, -0.05 * 0.5];
        Assert.Equal(expected, Array(json, "update"), (a, b) => Math.Abs(a - b) <= 1e-15);
        Assert.Equal([1, 3], json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("gradient descent", json.GetProperty("optimizer").GetString());
        Assert.Contains("η = α/2", json.GetProperty("optimizer").GetString());
        Assert.Equal("u = −(α/2)·g", json.GetProperty("formula").GetString());
        Assert.Equal(Math.Sqrt(9 + 1 + 0.25), json.GetProperty("dualNorm").GetDouble(), 1e-14);
    }

    [Fact]
    public void Problem1bLInfinityGivesSignDescentScaledByL1()
    {
        var json = DeriveJson("--norm", "linf", "--grad", "3,-1,0.5", "--alpha", "0.1");
        // u = −(α/2)·‖g‖₁·sign(g) with ‖g‖₁ = 4.5.
        Assert.Equal([-0.225, 0.225, -0.225], Array(json, "update"), (a, b) => Math.Abs(a - b) <= 1e-15);
        Assert.Equal(4.5, json.GetProperty("dualNorm").GetDouble(), 1e-15);
        Assert.Equal("u = −(α/2)·‖g‖₁·sign(g)", json.GetProperty("formula").GetString());
        Assert.Contains("sign descent", json.GetProperty("optimizer").GetString());
        double objective = json.GetProperty("objective").GetDouble();
        Assert.Equal(-0.1 / 4 * 4.5 * 4.5, objective, 1e-14);
        Assert.True(Math.Abs(objective - json.GetProperty("numericObjective").GetDouble()) <= 1e-9);
    }

    [Fact]
    public void JsonCarriesEveryContractField()
    {
        var json = DeriveJson("--norm", "spectral", "--grad", "1,2;3,4", "--alpha", "1");
        foreach (string field in (string[])["norm", "update", "shape", "dualNorm", "objective", "numericObjective", "optimizer", "formula"])
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal([2, 2], json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(4, json.GetProperty("update").GetArrayLength());
        Assert.Contains("Muon", json.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void RandomGradientsMatchTheProblem1FormulasThroughTheCommand()
    {
        var cases = from n in Gen.Int[1, 12]
                    from g in Gen.Double[-50, 50].Array[n]
                    from alpha in Gen.Double[0.001, 5]
                    select (g, alpha);
        Property.ForAll(cases, 11, 25, c =>
        {
            string grad = string.Join(",", c.g.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            string alpha = c.alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            double[] l2 = Array(DeriveJson("--norm", "l2", "--grad=" + grad, "--alpha", alpha), "update");
            double[] linf = Array(DeriveJson("--norm", "linf", "--grad=" + grad, "--alpha", alpha), "update");
            double l1 = c.g.Sum(Math.Abs);
            for (int i = 0; i < c.g.Length; i++)
            {
                Assert.Equal(-c.alpha / 2 * c.g[i], l2[i], 1e-12 * (1 + Math.Abs(l2[i])));
                Assert.Equal(-c.alpha / 2 * l1 * Math.Sign(c.g[i]), linf[i], 1e-12 * (1 + Math.Abs(linf[i])));
            }
        }, c => $"g=[{string.Join(",", c.g)}] α={c.alpha}");
    }

    [Fact]
    public void TextOutputShowsUpdateFormulaOptimizerAndBothObjectives()
    {
        var result = CliRunner.Run("derive", "--norm", "l1", "--grad", "3,-1,0.5", "--alpha", "0.1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("u = [-0.15, 0, 0]", result.Output);
        Assert.Contains("greedy coordinate descent", result.Output);
        Assert.Contains("u = −(α/2)·‖g‖∞·sign(g_k)·e_k", result.Output);
        Assert.Contains("general solver, converged", result.Output);
    }

    [Fact]
    public void TheSolversCountsReadAsEnglish()
    {
        // A zero gradient is solved at the first iterate: one iteration, not "1 iterations".
        var result = CliRunner.Run("derive", "--norm", "linf", "--grad", "0,0,0", "--alpha", "1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(proximal point, 1 iteration, 2 evaluations)", result.Output);
    }

    [Theory]
    [InlineData("--alpha needs a value", "--norm", "l2", "--grad", "1,2", "--alpha")]
    [InlineData("unknown norm", "--norm", "l7", "--grad", "1,2", "--alpha", "1")]
    [InlineData("is not a number", "--norm", "l2", "--grad", "1,abc", "--alpha", "1")]
    [InlineData("not a finite number", "--norm", "l2", "--grad", "1,NaN", "--alpha", "1")]
    [InlineData("missing value", "--norm", "l2", "--grad", "1,,2", "--alpha", "1")]
    [InlineData("p > 1", "--norm", "lp:1", "--grad", "1,2", "--alpha", "1")]
    [InlineData("p > 1", "--norm", "lp:0.5", "--grad", "1,2", "--alpha", "1")]
    [InlineData("not a finite number", "--norm", "lp:inf", "--grad", "1,2", "--alpha", "1")]
    [InlineData("must be finite and > 0", "--norm", "weighted", "--grad", "1,2", "--alpha", "1", "--weights", "1,-2")]
    [InlineData("must be finite and > 0", "--norm", "weighted", "--grad", "1,2", "--alpha", "1", "--weights", "1,0")]
    [InlineData("2 weights for 3 elements", "--norm", "weighted", "--grad", "1,2,3", "--alpha", "1", "--weights", "1,2")]
    [InlineData("needs --weights", "--norm", "weighted", "--grad", "1,2", "--alpha", "1")]
    [InlineData("only used by --norm weighted", "--norm", "l2", "--grad", "1,2", "--alpha", "1", "--weights", "1,2")]
    [InlineData("must be > 0", "--norm", "l2", "--grad", "1,2", "--alpha", "0")]
    [InlineData("must be > 0", "--norm", "l2", "--grad", "1,2", "--alpha=-0.5")]
    [InlineData("is not a number", "--norm", "l2", "--grad", "1,2", "--alpha", "fast")]
    [InlineData("ragged", "--norm", "spectral", "--grad", "1,2;3", "--alpha", "1")]
    [InlineData("vector norm", "--norm", "linf", "--grad", "1,2;3,4", "--alpha", "1")]
    [InlineData("unknown norm 'nuclear'", "--norm", "nuclear", "--grad", "1,2;3,4", "--alpha", "1")]
    [InlineData("needs its exponent", "--norm", "lp", "--grad", "1,2;3,4", "--alpha", "1")]
    [InlineData("is required", "--norm", "l2", "--alpha", "1")]
    [InlineData("--norm is required", "--grad", "1", "--alpha", "1")]
    [InlineData("Unknown option", "--norm", "l2", "--grad", "1", "--alpha", "1", "--bogus")]
    [InlineData("2-component", "--norm", "l2", "--grad", "1,2,3", "--alpha", "1", "--plot", "x.png")]
    [InlineData("does not exist", "--norm", "l2", "--grad", "1,2", "--alpha", "1", "--plot", "/no/such/folder/x.png")]
    public void BadInputIsOneLineAndExitCode2(string expected, params string[] args)
    {
        string line = CliRunner.AssertBadInput(["derive", .. args]);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void PlotWritesAPngAndLeavesNoTemporaryFiles()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-derive-").FullName;
        try
        {
            string path = Path.Combine(folder, "ball.png");
            var result = CliRunner.Run("derive", "--norm", "linf", "--grad", "3,-1", "--alpha", "0.5", "--plot", path);
            Assert.True(result.ExitCode == 0, result.Error);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal(["ball.png"], Directory.GetFiles(folder).Select(Path.GetFileName));

            string directory = Path.Combine(folder, "sub");
            Directory.CreateDirectory(directory);
            CliRunner.AssertBadInput("derive", "--norm", "l2", "--grad", "1,2", "--alpha", "1", "--plot", directory);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
