namespace Steepest.Tests.Docs;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Steepest.sln and docs/.</summary>
internal static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Steepest.sln")) && Directory.Exists(Path.Combine(dir.FullName, "docs"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Steepest.sln above {AppContext.BaseDirectory}");
    }
}
