namespace Steepest.Cli.Infrastructure;

/// <summary>A folder a command writes several files into, made and probed before any work.</summary>
internal static class OutputFolder
{
    /// <summary>Creates the folder; a file in the way or a folder that cannot be written is bad input (exit 2).</summary>
    public static string Prepare(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} needs a folder name");
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UsageException($"{option}: '{path}' is a file, not a folder");
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".steepest-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"{option}: cannot write to '{path}' ({e.Message.ReplaceLineEndings(" ")})");
        }
        return full;
    }
}
