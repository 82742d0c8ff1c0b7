using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers;

/// <summary>Which epoch's squared gradients set the preconditioner of <see cref="ScaleByEpochPreconditioner"/>.</summary>
public enum EpochStatistics
{
    /// <summary>
    /// The mean of g² over the current epoch's gradients so far (reset at each epoch boundary). With one gradient per
    /// epoch, M = 1/|g| and every step moves along sign(g): problem 2(b) as MISSION.md states it, and stable.
    /// </summary>
    CurrentEpoch,

    /// <summary>
    /// The mean of g² over the whole previous epoch, fixed for the current one (the first epoch uses its own running
    /// mean). With one gradient per epoch the step is (rₜ/|rₜ₋₁|)·sign(g), which does not settle on problem 2.
    /// </summary>
    PreviousEpoch,
}
