namespace Steepest.Tests.Docs;

/// <summary>
/// A theory over the docs' full training runs (minutes each): skipped unless $STEEPEST_DOCS_SLOW is 1, which
/// scripts/check-docs sets, so the everyday suite stays within its time budget.
/// </summary>
public sealed class SlowCheckTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> unless the slow checks were asked for.</summary>
    public SlowCheckTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("STEEPEST_DOCS_SLOW") != "1")
            Skip = "full training runs quoted in the docs: run scripts/check-docs (it sets STEEPEST_DOCS_SLOW=1)";
    }
}
