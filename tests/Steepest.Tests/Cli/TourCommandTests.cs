using System.Text.Json;

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
