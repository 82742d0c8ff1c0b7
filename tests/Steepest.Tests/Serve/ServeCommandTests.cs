using Steepest.Tests.Cli;

namespace Steepest.Tests.Serve;

/// <summary><c>steepest serve</c> on the command line: bad options refused before anything listens, and a real start.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--port", "-1", "--port must be between 0 and 65535")]
    [InlineData("--port", "70000", "--port must be between 0 and 65535")]
    [InlineData("--host", "not a host", "--host must be an IP address or localhost")]
    [InlineData("--runs", "/no/such/folder", "--runs: folder '/no/such/folder' does not exist")]
    [InlineData("--runs", "", "--runs needs a folder")]
    public void Bad_options_exit_2_with_one_line(string option, string value, string message) =>
        Assert.Contains(message, CliRunner.AssertBadInput("serve", option, value));

    [Fact]
    public void A_file_given_as_the_runs_folder_is_named_as_a_file()
    {
        string file = Path.GetTempFileName();
        try { Assert.Contains($"--runs: '{file}' is a file, not a folder", CliRunner.AssertBadInput("serve", "--runs", file)); }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task It_prints_where_it_listens_and_answers_there()
    {
        string runs = Directory.CreateTempSubdirectory("steepest-serve-").FullName;
        using var process = SteepestProcess.Start(["serve", "--port", "0", "--runs", runs]);
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var match = System.Text.RegularExpressions.Regex.Match(line ?? "", @"listening on (http://127\.0\.0\.1:\d+)");
            Assert.True(match.Success, line);
            using var http = new HttpClient();
            string body = await http.GetStringAsync(match.Groups[1].Value + "/api/derive?norm=l2&grad=1,2&alpha=1");
            Assert.Contains("\"update\":[-0.5,-1]", body);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Directory.Delete(runs, true);
        }
    }
}
