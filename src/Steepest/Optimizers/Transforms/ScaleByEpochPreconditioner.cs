namespace Steepest.Optimizers;

/// <summary>
/// The simplified Adam of problem 2(b): u ← M·u with M = diag(1/√(mean of gᵢ² over an epoch)), the epoch being the
/// current one so far (default) or the previous one (see <see cref="EpochStatistics"/>). Epoch boundaries are detected
/// from context.Epoch. Zero guard: a coordinate whose mean square is 0 gets M = 0 (no information, no move) instead of
/// an infinite scale; an optional ε gives the Adam-style 1/(√mean + ε) instead.
/// </summary>
public sealed class ScaleByEpochPreconditioner(EpochStatistics statistics = EpochStatistics.CurrentEpoch, double epsilon = 0) : GradientTransform
{
    /// <summary>Which epoch's gradients set M.</summary>
    public EpochStatistics Statistics { get; } = statistics;

    /// <summary>ε in 1/(√mean + ε); 0 by default (the zero guard still applies).</summary>
    public double Epsilon { get; } = epsilon >= 0 && double.IsFinite(epsilon) ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be finite and ≥ 0");

    /// <inheritdoc/>
    public override string Name => $"scale_by_epoch_preconditioner({(Statistics == EpochStatistics.CurrentEpoch ? "current" : "previous")} epoch, {Epsilon:G3})";

    /// <inheritdoc/>
    public override TransformState Init(IReadOnlyList<Parameter> parameters) => new EpochState(parameters);

    private float Scale(double meanSquare) => meanSquare > 0 ? (float)(1 / (Math.Sqrt(meanSquare) + Epsilon)) : 0f;

    /// <inheritdoc/>
    public override void Update(UpdateContext context, TransformState state)
    {
        var s = (EpochState)state;
        var sums = s.Inner.Slots[0];
        var preconditioner = s.Inner.Slots[1];
        if (context.Epoch != s.LastEpoch)
        {
            if (s.StepsInEpoch > 0)
            {
                for (int i = 0; i < sums.Length; i++)
                    for (int j = 0; j < sums[i].Length; j++)
                    {
                        preconditioner[i][j] = Scale(sums[i][j] / s.StepsInEpoch);
                        sums[i][j] = 0;
                    }
                s.HasPreconditioner = 1;
                s.StepsInEpoch = 0;
            }
            s.LastEpoch = context.Epoch;
        }
        s.StepsInEpoch++;
        bool fixedM = Statistics == EpochStatistics.PreviousEpoch && s.HasPreconditioner == 1;
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i], sum = sums[i], scale = preconditioner[i];
            for (int j = 0; j < u.Length; j++)
            {
                sum[j] += u[j] * u[j];
                u[j] *= fixedM ? scale[j] : Scale(sum[j] / s.StepsInEpoch);
            }
        }
        s.Inner.Count++;
    }

    private sealed class EpochState(IReadOnlyList<Parameter> parameters) : TransformState
    {
        private long lastEpoch = long.MinValue, stepsInEpoch, hasPreconditioner;
        public PerParameterState Inner { get; } = new(parameters, "sum_squares", "preconditioner");
        public long LastEpoch { get => lastEpoch; set => lastEpoch = value; }
        public long StepsInEpoch { get => stepsInEpoch; set => stepsInEpoch = value; }
        public long HasPreconditioner { get => hasPreconditioner; set => hasPreconditioner = value; }

        public override void Visit(IStateVisitor visitor, string path)
        {
            Inner.Visit(visitor, path);
            visitor.Counter($"{path}/last_epoch", ref lastEpoch);
            visitor.Counter($"{path}/steps_in_epoch", ref stepsInEpoch);
            visitor.Counter($"{path}/has_preconditioner", ref hasPreconditioner);
        }
    }
}
