using Steepest.Cli;

namespace Steepest.Tests.Cli;

/// <summary>Runs the steepest command in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliHost.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the bad-input contract: exit 2, exactly one line on stderr, nothing on stdout.</summary>
    public static string AssertBadInput(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode} for [{string.Join(' ', args)}]; stderr: {result.Error}");
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one stderr line, got: {result.Error}");
        Assert.StartsWith("steepest: error: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Output);
        return lines[0];
    }
}
