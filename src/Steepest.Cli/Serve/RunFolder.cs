using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Serve;

/// <summary>
/// The dashboard's window onto the file system: the <c>.jsonl</c> logs under one folder, and nothing else. A run is
/// named by its path relative to the folder; absolute paths, <c>..</c> and symbolic links anywhere on the way are refused,
/// so no name can reach outside it.
/// </summary>
public sealed class RunFolder
{
    /// <summary>How deep below the folder logs are listed.</summary>
    private const int MaxDepth = 4;

    /// <summary>The folder, as a full path without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>Opens <paramref name="root"/> (which must exist).</summary>
    public RunFolder(string root) => Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>Every log under the folder, by relative name with '/' separators, newest first; links are not followed.</summary>
    public IReadOnlyList<FileInfo> List()
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, MaxRecursionDepth = MaxDepth, IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden,
        };
        return Directory.EnumerateFiles(Root, "*.jsonl", options)
            .Select(path => new FileInfo(path))
            .Where(file => file.LinkTarget is null && !Path.GetRelativePath(Root, file.FullName).Split(Path.DirectorySeparatorChar).Any(s => s.StartsWith('.')))
            .OrderByDescending(file => file.LastWriteTimeUtc).ThenBy(file => file.FullName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The name the dashboard shows and asks for: relative to the folder, '/' between parts.</summary>
    public string NameOf(FileInfo file) => Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The full path of the named log: a <see cref="UsageException"/> for a name that leaves the folder, a <see cref="NotFoundException"/> for one that is not there.</summary>
    public string Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new UsageException("name is required: a log's path inside the runs folder, as /api/runs lists it");
        if (name.Contains('\0') || name.Contains('\\')) throw new UsageException($"run name '{Printable(name)}' may not contain '\\' or NUL");
        if (Path.IsPathRooted(name) || name.StartsWith('~')) throw new UsageException($"run name '{Printable(name)}' must be a path inside the runs folder, not an absolute one");
        string[] parts = name.Split('/');
        if (parts.Any(p => p.Length == 0 || p.StartsWith('.')))
            throw new UsageException($"run name '{Printable(name)}' may not contain '..', '.', hidden parts or empty parts");
        if (!name.EndsWith(".jsonl", StringComparison.Ordinal)) throw new UsageException($"run name '{Printable(name)}' must name a .jsonl log");
        string full = Path.GetFullPath(Path.Combine(Root, Path.Combine(parts)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UsageException($"run name '{Printable(name)}' must be a path inside the runs folder");
        // Refuse a link at any step: a link inside the folder may point anywhere outside it.
        for (string? step = full; step is not null && step.Length > Root.Length; step = Path.GetDirectoryName(step))
        {
            FileSystemInfo info = step == full ? new FileInfo(step) : new DirectoryInfo(step);
            if (info.Exists && info.LinkTarget is not null) throw new UsageException($"run name '{Printable(name)}' goes through a symbolic link, which the dashboard does not follow");
        }
        if (!File.Exists(full)) throw new NotFoundException($"no run named '{Printable(name)}' in the runs folder");
        return full;
    }

    /// <summary>A name as a message may show it: control characters as '?', at most 200 characters.</summary>
    private static string Printable(string name)
    {
        string shown = new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length <= 200 ? shown : shown[..200] + "…";
    }
}
