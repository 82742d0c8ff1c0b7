namespace Steepest.Tests.Serve;

/// <summary>A browser test: skipped, with the reason, where Debian's chromium is not installed (as the MPI tests are without MPI).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no chromium executable is found.</summary>
    public ChromiumFactAttribute()
    {
        if (Browser.ExecutablePath is null) Skip = Browser.SkipReason;
    }
}
