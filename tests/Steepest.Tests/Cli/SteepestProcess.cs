using System.Diagnostics;

namespace Steepest.Tests.Cli;

/// <summary>
/// The built steepest.dll as a child process, for what the in-process <see cref="CliRunner"/> cannot show: a
/// working directory, environment variables, a kill, the console a user's shell gives it.
/// </summary>
internal static class SteepestProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Starts <c>dotnet steepest.dll ARGS</c> with stdout and stderr redirected and stdin closed.</summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "steepest.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs it to the end (killing it after <paramref name="timeout"/>, which fails the test) and returns what it printed.</summary>
    public static Result Run(IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, workingDirectory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"steepest {string.Join(' ', args)} did not finish within {timeout}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
