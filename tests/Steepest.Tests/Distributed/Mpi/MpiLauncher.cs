using System.Diagnostics;
using Steepest.Distributed.Mpi;

namespace Steepest.Tests.Distributed.Mpi;

/// <summary>
/// Starts <c>mpirun -np N dotnet steepest.dll …</c> from a test. Open MPI gets <c>--oversubscribe</c> (more ranks than
/// this machine's cores) and, when we are root, <c>--allow-run-as-root</c>. When MPI is missing, <see cref="SkipReason"/>
/// says so and the MPI tests report themselves skipped.
/// </summary>
internal static class MpiLauncher
{
    private static readonly string? Mpirun = FindOnPath("mpirun");
    private static readonly Lazy<bool> IsOpenMpi = new(() => Capture(Mpirun!, ["--version"]).Contains("Open MPI", StringComparison.OrdinalIgnoreCase));

    /// <summary>Why the MPI tests cannot run here, or null when they can.</summary>
    public static string? SkipReason { get; } =
        Mpirun is null ? "mpirun is not on PATH: apt-get install -y openmpi-bin libopenmpi-dev to run the MPI tests"
        : !MpiRuntime.IsAvailable ? "no MPI library (libmpi.so.40 or libmpi.so.12) can be loaded: apt-get install -y openmpi-bin libopenmpi-dev"
        : null;

    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>Runs the steepest command on <paramref name="ranks"/> ranks and waits (killing the job after <paramref name="timeout"/>).</summary>
    public static Result Run(int ranks, TimeSpan timeout, params string[] args) => RunIn(null, ranks, timeout, args);

    /// <summary><see cref="Run"/> with <paramref name="folder"/> as the working directory (null: the test's own).</summary>
    public static Result RunIn(string? folder, int ranks, TimeSpan timeout, params string[] args)
    {
        using var process = Start(ranks, args, folder);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"mpirun -np {ranks} steepest {string.Join(' ', args)} did not finish within {timeout}: {error.Result}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    /// <summary>Starts the job with redirected output; the caller waits for it.</summary>
    public static Process Start(int ranks, params string[] args) => Start(ranks, args, null);

    private static Process Start(int ranks, string[] args, string? folder)
    {
        Assert.True(SkipReason is null, SkipReason);
        var start = new ProcessStartInfo(Mpirun!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? "",
        };
        start.ArgumentList.Add("-np");
        start.ArgumentList.Add(ranks.ToString());
        if (IsOpenMpi.Value)
        {
            start.ArgumentList.Add("--oversubscribe");
            if (Environment.UserName == "root") start.ArgumentList.Add("--allow-run-as-root");
        }
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "steepest.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>SIGKILLs rank process <paramref name="rank"/> of <paramref name="job"/> and asserts that mpirun ends, non-zero, within 30 s.</summary>
    public static void KillAndExpectTheJobToEnd(Process job, int rank)
    {
        using (var victim = Process.GetProcessById(rank)) victim.Kill();
        bool ended = job.WaitForExit(TimeSpan.FromSeconds(30));
        if (!ended) job.Kill(entireProcessTree: true);
        Assert.True(ended, "mpirun was still running 30 s after one rank was killed");
        job.WaitForExit();
        Assert.NotEqual(0, job.ExitCode);
    }

    /// <summary>The process ids of the ranks of a job: descendants of mpirun whose command line runs steepest.dll.</summary>
    public static int[] RankProcesses(int mpirunId)
    {
        var parents = new Dictionary<int, int>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid)) continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // pid (comm) state ppid …: the command name may hold spaces and parentheses, so parse after the last ')'.
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        bool Descends(int pid)
        {
            for (int guard = 0; guard < 64 && parents.TryGetValue(pid, out int parent); guard++, pid = parent)
                if (parent == mpirunId) return true;
            return false;
        }
        return parents.Keys.Where(Descends).Where(pid =>
        {
            try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains("steepest.dll"); }
            catch (IOException) { return false; }
        }).Order().ToArray();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    private static string Capture(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
