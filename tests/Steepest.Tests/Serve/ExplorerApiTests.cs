using System.Net;
using System.Text.Json;
using Steepest.Tests.Cli;

namespace Steepest.Tests.Serve;

/// <summary>The explorer's endpoints over HTTP: the commands' JSON, and one-line refusals of bad input.</summary>
public sealed class ExplorerApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertOneLine(HttpStatusCode expected, (HttpStatusCode Status, string Body) response, string mentions)
    {
        Assert.Equal(expected, response.Status);
        Assert.Single(response.Body.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", response.Body);
        Assert.Contains(mentions, response.Body);
    }

    [Theory]
    [InlineData("linf", "3,-1.5", "1")]
    [InlineData("lp:3", "0.5,2", "0.25")]
    [InlineData("spectral", "3,0;4,5", "1")]
    public async Task Derive_answers_what_derive_json_prints(string norm, string grad, string alpha)
    {
        var (status, body) = await Get($"/api/derive?norm={Uri.EscapeDataString(norm)}&grad={Uri.EscapeDataString(grad)}&alpha={alpha}");
        Assert.Equal(HttpStatusCode.OK, status);
        var cli = CliRunner.Run("derive", "--norm", norm, "--grad", grad, "--alpha", alpha, "--json");
        Assert.Equal(0, cli.ExitCode);
        using var served = JsonDocument.Parse(body);
        using var printed = JsonDocument.Parse(cli.Output);
        foreach (var field in printed.RootElement.EnumerateObject())
            Assert.Equal(JsonSerializer.Serialize(field.Value), JsonSerializer.Serialize(served.RootElement.GetProperty(field.Name)));
        // The ball is drawn for plane vectors only, and each of its points has norm 1 under the chosen norm.
        Assert.Equal(!norm.StartsWith("spectral"), served.RootElement.TryGetProperty("ball", out var ball));
        if (norm == "linf") Assert.All(ball.EnumerateArray(), p => Assert.Equal(1, Math.Max(Math.Abs(p[0].GetDouble()), Math.Abs(p[1].GetDouble())), 12));
        if (norm == "lp:3") Assert.All(ball.EnumerateArray(), p => Assert.Equal(1, Math.Pow(Math.Abs(p[0].GetDouble()), 3) + Math.Pow(Math.Abs(p[1].GetDouble()), 3), 10));
    }

    [Theory]
    [InlineData("/api/derive?norm=linf&grad=1,abc", "grad")]
    [InlineData("/api/derive?norm=lp:1&grad=1,2", "p > 1")]
    [InlineData("/api/derive?norm=lp:0.5&grad=1,2", "p > 1")]
    [InlineData("/api/derive?norm=l2&grad=1,2&alpha=-1", "alpha")]
    [InlineData("/api/derive?norm=l2&grad=1,2&bogus=1", "unknown parameter 'bogus'")]
    [InlineData("/api/derive?norm=l2&grad=1,2&grad=3,4", "more than once")]
    [InlineData("/api/converge?x=1,0.1&y=1,2", "y")]
    [InlineData("/api/converge?optimizers=bogus", "bogus")]
    [InlineData("/api/converge?points=1", "points")]
    [InlineData("/api/comm?n=1", "n must be between 2 and 64")]
    [InlineData("/api/comm?p=abc", "p")]
    [InlineData("/api/comm?alpha=0", "alpha")]
    [InlineData("/api/calibrate?workers=100", "workers")]
    [InlineData("/api/run?name=../../etc/passwd", "..")]
    [InlineData("/api/run?name=/etc/passwd", "absolute")]
    [InlineData("/api/run?name=link.jsonl", "symbolic link")]
    [InlineData("/api/run?name=linked/secret.jsonl", "symbolic link")]
    [InlineData("/api/run?name=notes.txt", ".jsonl")]
    public async Task Bad_input_is_a_400_with_one_line(string path, string mentions) =>
        AssertOneLine(HttpStatusCode.BadRequest, await Get(path), mentions);

    [Fact]
    public async Task A_million_values_are_refused_before_parsing_by_query_or_form()
    {
        string values = string.Join(",", Enumerable.Repeat("1", 1_000_000));
        AssertOneLine(HttpStatusCode.BadRequest, await Get($"/api/derive?norm=l2&grad={values}"), "at most 10,000 values");
        using var form = new FormUrlEncodedContent([new("norm", "l2"), new("grad", values)]);
        using var response = await fixture.Http.PostAsync("/api/derive", form);
        AssertOneLine(HttpStatusCode.BadRequest, (response.StatusCode, await response.Content.ReadAsStringAsync()), "at most 10,000 values");
    }

    [Fact]
    public async Task Absent_things_are_a_404_with_one_line()
    {
        AssertOneLine(HttpStatusCode.NotFound, await Get("/api/run?name=missing.jsonl"), "no run named 'missing.jsonl'");
        AssertOneLine(HttpStatusCode.NotFound, await Get("/api/nothing"), "nothing at /api/nothing");
    }

    [Fact]
    public async Task Converge_gives_problem_2s_three_limits_with_trajectories()
    {
        var (status, body) = await Get("/api/converge?points=50");
        Assert.Equal(HttpStatusCode.OK, status);
        using var runs = JsonDocument.Parse(body);
        var limits = runs.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("theta").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        Assert.Equal(["sgd", "epoch-adam", "rescale+sgd"], limits.Keys);
        double[][] expected = [[10000 / 10101.0, 1000 / 10101.0, 100 / 10101.0], [1 / 1.11, 1 / 1.11, 1 / 1.11], [1 / 3.0, 10 / 3.0, 100 / 3.0]];
        foreach (var (theta, answer) in limits.Values.Zip(expected))
            for (int i = 0; i < 3; i++) Assert.Equal(answer[i], theta[i], 6);
        foreach (var run in runs.RootElement.EnumerateArray())
        {
            var trajectory = run.GetProperty("trajectory");
            Assert.InRange(trajectory.GetArrayLength(), 2, 51);
            Assert.Equal(0, trajectory[0].GetProperty("theta")[0].GetDouble());
        }
    }

    [Fact]
    public async Task Comm_counts_messages_by_each_paradigms_formula()
    {
        var (status, body) = await Get("/api/comm?n=5&p=1000&alpha=1e-5&beta=1e-9");
        Assert.Equal(HttpStatusCode.OK, status);
        using var comm = JsonDocument.Parse(body);
        var messages = comm.RootElement.GetProperty("strategies").EnumerateArray()
            .ToDictionary(s => s.GetProperty("strategy").GetString()!, s => s.GetProperty("messages").GetInt64());
        Assert.Equal(5 * 4, messages["all-to-all"]);
        Assert.Equal(2 * 5, messages["parameter-server"]);
        Assert.Equal(2 * 5 * 4, messages["ring"]);
        var sweep = comm.RootElement.GetProperty("sweep").EnumerateArray().Select(s => s.GetProperty("workers").GetInt32()).ToArray();
        Assert.Contains(5, sweep);
        Assert.Equal(sweep.Order(), sweep);
        // More workers cost the ring more time, never less (α grows with n; the bytes stay near 2p).
        var ring = comm.RootElement.GetProperty("sweep").EnumerateArray().Select(s => s.GetProperty("modelSeconds").GetProperty("ring").GetDouble()).ToArray();
        Assert.True(ring.Zip(ring.Skip(1)).All(pair => pair.First <= pair.Second * (1 + 1e-12)));
    }

    [Fact]
    public async Task A_log_is_read_as_it_grows_skipping_bad_and_unfinished_lines()
    {
        string log = Path.Combine(fixture.Runs, "growing.jsonl");
        File.WriteAllText(log, "{\"epoch\":1,\"step\":10,\"trainLoss\":2.5,\"testAccuracy\":0.4}\nnot json\n[1,2]\n{\"epoch\":2,\"step\":20,\"trainLoss\":1.5,\"testAccuracy\":NaN}\n{\"epoch\":3,\"st");
        var (status, body) = await Get("/api/run?name=growing.jsonl");
        Assert.Equal(HttpStatusCode.OK, status);
        using var first = JsonDocument.Parse(body);
        Assert.Equal(1, first.RootElement.GetProperty("rows").GetArrayLength());
        var notes = first.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        Assert.Equal(4, notes.Length);
        Assert.Contains("line 2 skipped: not JSON", notes[0]);
        Assert.Contains("line 3 skipped: a JSON array", notes[1]);
        Assert.Contains("line 4 skipped", notes[2]);
        Assert.Contains("line 5 is incomplete", notes[3]);
        File.AppendAllText(log, "ep\":3,\"trainLoss\":0.5}\n");
        using var second = JsonDocument.Parse((await Get("/api/run?name=growing.jsonl")).Body);
        var rows = second.RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(0.5, rows[1].GetProperty("trainLoss").GetDouble());
        var (_, list) = await Get("/api/runs");
        using var runs = JsonDocument.Parse(list);
        var names = runs.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToArray();
        Assert.Contains("growing.jsonl", names);
        Assert.DoesNotContain("link.jsonl", names);
        Assert.DoesNotContain(names, n => n!.StartsWith("linked"));
    }

    [Fact]
    public async Task The_page_and_its_script_are_served_from_the_assembly()
    {
        var (status, html) = await Get("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<script src=\"/app.js\">", html);
        Assert.Equal(HttpStatusCode.OK, (await Get("/app.js")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Get("/style.css")).Status);
    }
}
