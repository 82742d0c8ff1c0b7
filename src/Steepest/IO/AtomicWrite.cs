namespace Steepest.IO;

/// <summary>
/// Writes files so that readers never see half of one: the content goes to a temporary file beside the target, which
/// is then renamed onto it (a rename within a folder replaces the target in one step). On failure the temporary file
/// is removed and the target is left as it was.
/// </summary>
public static class AtomicWrite
{
    /// <summary>Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/>, then renames it onto the target.</summary>
    public static void ToPath(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        // Keep the extension last: some writers (image encoders) choose the format from it.
        string temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes through a stream on a temporary file, then renames it onto <paramref name="path"/>.</summary>
    public static void ToStream(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ToPath(path, temporary =>
        {
            using var stream = File.Create(temporary);
            write(stream);
        });
    }
}
