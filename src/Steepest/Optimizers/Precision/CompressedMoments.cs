namespace Steepest.Optimizers.Precision;

/// <summary>
/// Runs a single-moment rule (Lion, heavy-ball and EMA momentum) over a <see cref="CompressedState"/> a block at a time:
/// load the block's moments in fp32, apply the rule value by value exactly as the fp32 transform does, round them back.
/// </summary>
internal static class CompressedMoments
{
    /// <summary>Applies <paramref name="rule"/> to every value of every parameter, slot 0 of the state.</summary>
    public static void Apply<TRule>(UpdateContext context, CompressedState state, TRule rule) where TRule : struct, IMomentRule
    {
        Span<float> m = stackalloc float[MomentBuffer.BlockSize];
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i];
            MomentBuffer moment = state.Moments[0][i];
            for (int start = 0; start < u.Length; start += MomentBuffer.BlockSize)
            {
                int n = Math.Min(MomentBuffer.BlockSize, u.Length - start);
                moment.Load(start, m[..n]);
                for (int j = 0; j < n; j++) rule.Apply(ref m[j], ref u[start + j]);
                moment.Store(start, m[..n]);
            }
        }
    }

    /// <summary>The state a single-moment transform starts from: fp32 as before, or compressed (signed: momenta take either sign).</summary>
    public static TransformState Init(IReadOnlyList<Parameter> parameters, StatePrecision precision) => precision == StatePrecision.Fp32
        ? new Transforms.MomentumState(parameters)
        : new CompressedState(parameters, precision, ["momentum"], [true]);

    /// <summary>", int8" or "" for a transform's name.</summary>
    public static string Suffix(StatePrecision precision) => precision == StatePrecision.Fp32 ? "" : ", " + precision.Name();

    /// <summary>The precision, or an exception naming the value.</summary>
    public static StatePrecision Check(StatePrecision precision) =>
        Enum.IsDefined(precision) ? precision : throw new ArgumentOutOfRangeException(nameof(precision), precision, "not a state precision");
}
