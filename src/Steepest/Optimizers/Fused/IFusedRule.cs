namespace Steepest.Optimizers.Fused;

/// <summary>
/// One element-wise update rule of a fused kernel, as TensorPrimitives writes an operator: the rule says what it does
/// to one lane of θ and its state, and <see cref="FusedKernel"/>'s driver owns the threads, the vector-width dispatch
/// and the tails. A rule holds its per-step scalars as fields and broadcasts them in <see cref="Apply"/>; the JIT hoists
/// those broadcasts out of the driver's loop, and folds the state flags, which are static.
/// </summary>
internal interface IFusedRule
{
    /// <summary>Whether the rule reads and writes a first state buffer m (a momentum or first moment).</summary>
    static abstract bool UsesM { get; }

    /// <summary>Whether the rule reads and writes a second state buffer v (a second moment or sum of squares).</summary>
    static abstract bool UsesV { get; }

    /// <summary>θ ← θ + update for one lane, with the state lanes m and v read and written in place.</summary>
    void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct;
}
