using System.Text.Json;
using Steepest.Convergence;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.Cli;

public sealed class TourCommandTests
{
    private static double[] Vector(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void JsonCarriesTheAnswersOfAllThreeProblems()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-tour-").FullName;
        try
        {
            var result = CliRunner.Run("tour", "--out", folder, "--json");
            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonDocument.Parse(result.Output).RootElement;

            // Problem 1 with g = [3, −1, 0.5], α = 0.1: (a) u = −(α/2)g; (b) u = −(α/2)·‖g‖₁·sign(g).
            var p1 = json.GetProperty("problem1").EnumerateArray().ToArray();
            Assert.Equal("1(a)", p1[0].GetProperty("part").GetString());
            AssertClose([-0.15, 0.05, -0.025], Vector(p1[0], "update"), 1e-4);
            Assert.Equal("1(b)", p1[1].GetProperty("part").GetString());
            AssertClose([-0.225, 0.225, -0.225], Vector(p1[1], "update"), 1e-4);
            Assert.Contains(p1, e => e.GetProperty("norm").GetString() == "spectral");

            // Problem 2: the three limits, to 4 decimals (and tighter).
            var p2 = json.GetProperty("problem2").EnumerateArray().ToDictionary(e => e.GetProperty("part").GetString()!);
            AssertClose([1 / 1.0101, 0.1 / 1.0101, 0.01 / 1.0101], Vector(p2["2(a)"], "theta"), 1e-6);
            AssertClose([1 / 1.11, 1 / 1.11, 1 / 1.11], Vector(p2["2(b)"], "theta"), 1e-6);
            AssertClose([1 / 3.0, 10 / 3.0, 100 / 3.0], Vector(p2["2(c)"], "theta"), 1e-6);
            // "exact" holds each limit as p/q: the library's exact closed form, and within 1e-6 of the measured θ.
            Rational[] x = [1, new(1, 10), new(1, 100)];
            foreach (var (part, exact) in new[] { ("2(a)", ExactLimits.MinimumNorm(x, 1)), ("2(b)", ExactLimits.Sign(x, 1)), ("2(c)", ExactLimits.Rescaled(x, 1)) })
            {
                string[] shown = p2[part].GetProperty("exact").EnumerateArray().Select(v => v.GetString()!).ToArray();
                Assert.Equal(exact.Select(v => v.ToString()), shown);
                AssertClose(exact.Select(v => v.ToDouble()).ToArray(), Vector(p2[part], "theta"), 1e-6);
                Assert.NotEmpty(p2[part].GetProperty("steps").EnumerateArray());
            }
            Assert.Equal(["-3/20", "1/20", "-1/40"], p1[0].GetProperty("exact").EnumerateArray().Select(v => v.GetString()));
            AssertClose(Vector(p1[1], "update"), p1[1].GetProperty("exact").EnumerateArray().Select(v => Parse(v.GetString()!)).ToArray(), 1e-15);

            // Problem 5's table for n = 4.
            var p5 = json.GetProperty("problem5").EnumerateArray().ToDictionary(e => e.GetProperty("strategy").GetString()!);
            Assert.Equal(12, p5["all-to-all"].GetProperty("messages").GetInt64());
            Assert.Equal(8, p5["parameter-server"].GetProperty("messages").GetInt64());
            Assert.Equal(24, p5["ring"].GetProperty("messages").GetInt64());
            Assert.Equal(1_000_000, p5["all-to-all"].GetProperty("messageValuesMax").GetInt64());
            Assert.Equal(250_000, p5["ring"].GetProperty("messageValuesMax").GetInt64());

            foreach (var plot in json.GetProperty("plots").EnumerateArray())
                Assert.Equal((byte)0x89, File.ReadAllBytes(plot.GetString()!)[0]);
            Assert.Equal(3, Directory.GetFiles(folder).Length);
        }
        finally { Directory.Delete(folder, true); }
    }

    private static double Parse(string fraction)
    {
        string[] parts = fraction.Split('/');
        double numerator = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return parts.Length == 1 ? numerator : numerator / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TheTextGivesEachAnswerExactlyAndToFourPlacesOnce()
    {
        string folder = Directory.CreateTempSubdirectory("steepest-tour-").FullName;
        try
        {
            var result = CliRunner.Run("tour", "--out", folder);
            Assert.True(result.ExitCode == 0, result.Error);
            // The expected lines are built from the library's exact closed forms and checked against its measured runs,
            // so the printed forms cannot drift from what the library computes.
            Rational[] x = [1, new(1, 10), new(1, 100)];
            var problem = new LeastSquaresProblem([1, 0.1, 0.01], 1, 3, [1], "problem 2");
            var cases = new (Rational[] Exact, string Formula, ConvergenceSettings Settings)[]
            {
                (ExactLimits.MinimumNorm(x, 1), "x/‖x‖² = [1, 0.1, 0.01]/1.0101", new ConvergenceSettings { Optimizer = "sgd" }),
                (ExactLimits.Sign(x, 1), "[1, 1, 1]/1.11", new ConvergenceSettings { Optimizer = "epoch-adam" }),
                (ExactLimits.Rescaled(x, 1), "S·[1, 1, 1]/3", new ConvergenceSettings { Optimizer = "sgd", Rescale = true }),
            };
            foreach (var (exact, formula, settings) in cases)
            {
                string fractions = "[" + string.Join(", ", exact.Select(v => v.ToString())) + "]";
                string fixedForm = "[" + string.Join(", ", exact.Select(v => v.ToFixed(4))) + "]";
                string measured = "[" + string.Join(", ", ConvergenceRunner.Run(problem, settings).Theta.Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture))) + "]";
                Assert.Equal(fixedForm, measured);
                string answer = $"answer:   θ = {formula} = {fractions} = {fixedForm}";
                Assert.Single(result.Output.Split('\n'), line => line.Contains(answer));
                Assert.Contains($"measured: θ = {measured}", result.Output);
            }
            Assert.Contains("= [10000/10101, 1000/10101, 100/10101] = [0.9900, 0.0990, 0.0099]", result.Output);
            Assert.Contains("= [100/111, 100/111, 100/111] = [0.9009, 0.9009, 0.9009]", result.Output);
            Assert.Contains("= [1/3, 10/3, 100/3] = [0.3333, 3.3333, 33.3333]", result.Output);
            // Each problem once: its heading, and one answer line per part.
            foreach (string heading in new[] { "Problem 1 —", "Problem 2 —", "Problem 5 —" })
                Assert.Single(result.Output.Split('\n'), line => line.StartsWith(heading, StringComparison.Ordinal));
            Assert.Equal(5, result.Output.Split('\n').Count(line => line.TrimStart().StartsWith("answer:", StringComparison.Ordinal)));
            Assert.Contains("u = [-3/20, 1/20, -1/40] = [-0.1500, 0.0500, -0.0250]", result.Output);
            Assert.Contains("u = [-9/40, 9/40, -9/40] = [-0.2250, 0.2250, -0.2250]", result.Output);
        }
        finally { Directory.Delete(folder, true); }
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] = {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void AFileInTheWayOrAnUnwritableFolderIsExitCode2()
    {
        string file = Path.GetTempFileName();
        try
        {
            Assert.Contains("is a file", CliRunner.AssertBadInput("tour", "--out", file));
            Assert.Contains("cannot write", CliRunner.AssertBadInput("tour", "--out", Path.Combine(file, "sub")));
            Assert.Contains("cannot write", CliRunner.AssertBadInput("tour", "--out", "/proc/steepest-tour"));
        }
        finally { File.Delete(file); }
    }
}
