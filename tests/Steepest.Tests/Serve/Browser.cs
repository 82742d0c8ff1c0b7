using Microsoft.Playwright;

namespace Steepest.Tests.Serve;

/// <summary>
/// Debian's chromium driven by Playwright through its executable path; Playwright's own browser download cannot work
/// here. One browser for a test class, each test in its own page.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>$CHROMIUM, else the first of Debian's names that exists.</summary>
    public static string? ExecutablePath { get; } =
        new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Why the browser tests cannot run here.</summary>
    public const string SkipReason = "chromium is not installed (apt-get install -y chromium, as .ci/run does): the browser tests of serve are skipped";

    /// <summary>Where the screenshots go: TestResults/ beside the test project.</summary>
    public static string Screenshots { get; } = Path.Combine(ProjectFolder(), "TestResults");

    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ExecutablePath is null) return;
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async Task DisposeAsync()
    {
        if (ExecutablePath is null) return;
        await Chromium.CloseAsync();
        playwright?.Dispose();
    }

    private static string ProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Steepest.Tests.csproj"))) return folder.FullName;
        return AppContext.BaseDirectory;
    }
}
