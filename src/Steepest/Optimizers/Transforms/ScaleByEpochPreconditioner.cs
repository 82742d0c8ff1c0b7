namespace Steepest.Optimizers.Transforms;

/// <summary>
/// The simplified Adam of problem 2(b): u ← M·u with M = diag(1/√(mean of gᵢ² over an epoch)), the epoch being the
/// current one so far (default) or the previous one (see <see cref="EpochStatistics"/>). Epoch boundaries are detected
/// from context.Epoch. Zero guard: a coordinate whose root mean square is 0 gets M = 0 (no information, no move)
/// instead of an infinite scale; an optional ε gives the Adam-style 1/(rms + ε) instead.
/// </summary>
public sealed class ScaleByEpochPreconditioner(EpochStatistics statistics = EpochStatistics.CurrentEpoch, double epsilon = 0) : GradientTransform<EpochPreconditionerState>
{
    /// <summary>Which epoch's gradients set M.</summary>
    public EpochStatistics Statistics { get; } = statistics;

    /// <summary>ε in 1/(√mean + ε); 0 by default (the zero guard still applies).</summary>
    public double Epsilon { get; } = Hyperparameter.NonNegative(epsilon, nameof(epsilon)); // 0 is problem 2(b)'s exact rule: its preconditioner is zero-guarded, not ε-shifted

    /// <inheritdoc/>
    public override string Name => $"scale_by_epoch_preconditioner({(Statistics == EpochStatistics.CurrentEpoch ? "current" : "previous")} epoch, {Epsilon:G3})";

    /// <inheritdoc/>
    protected override EpochPreconditionerState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters);

    /// <summary>u/(rms + ε), or 0 where the epoch's rms is 0.</summary>
    private float Precondition(float u, float rms) => rms > 0 ? (float)(u / (rms + Epsilon)) : 0f;

    /// <inheritdoc/>
    public override void Update(UpdateContext context, EpochPreconditionerState s)
    {
        // Root mean squares, not sums of squares: g² underflows fp32 for |g| below ~1e-19, and a stored 1/rms overflows;
        // keeping the rms itself (updated in double) and dividing by it stays exact down to fp32's smallest values.
        var running = s.Rms;
        var previous = s.PreviousRms;
        if (context.Epoch != s.LastEpoch)
        {
            if (s.StepsInEpoch > 0)
            {
                for (int i = 0; i < running.Length; i++)
                {
                    running[i].CopyTo(previous[i], 0);
                    Array.Clear(running[i]);
                }
                s.HasPreconditioner = 1;
                s.StepsInEpoch = 0;
            }
            s.LastEpoch = context.Epoch;
        }
        long k = ++s.StepsInEpoch;
        bool fixedM = Statistics == EpochStatistics.PreviousEpoch && s.HasPreconditioner == 1;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], rms = running[i], old = previous[i];
            for (int j = 0; j < u.Length; j++)
            {
                double r = rms[j];
                rms[j] = (float)Math.Sqrt(((k - 1) * r * r + (double)u[j] * u[j]) / k);
                u[j] = Precondition(u[j], fixedM ? old[j] : rms[j]);
            }
        }
        s.Count++;
    }
}
