using Steepest.IO;

namespace Steepest.Cli.Infrastructure;

/// <summary>Writes files so that readers never see half of one: write a temporary file beside the target, then rename.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Checks up front that <paramref name="path"/> can be created: its folder exists and it is not a folder itself.
    /// Throws <see cref="UsageException"/> (exit 2) otherwise, before any work is done.
    /// </summary>
    public static string ValidateTarget(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} needs a file name");
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"{option}: '{path}' is a directory");
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) throw new UsageException($"{option}: folder '{Path.GetDirectoryName(path)}' does not exist");
        return full;
    }

    /// <summary>Calls <paramref name="write"/> with a temporary path in the target's folder, then renames it onto the target.</summary>
    public static void Write(string path, Action<string> write) => AtomicWrite.ToPath(path, write);

    /// <summary>Writes text atomically.</summary>
    public static void WriteText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));
}
