namespace Steepest.Optimizers.Precision;

/// <summary>One value's step of a single-moment transform: reads and rewrites the moment m and the update u.</summary>
internal interface IMomentRule
{
    /// <summary>m and u before the step in, after it out.</summary>
    void Apply(ref float m, ref float u);
}
