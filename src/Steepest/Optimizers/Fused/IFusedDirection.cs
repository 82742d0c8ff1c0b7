namespace Steepest.Optimizers.Fused;

/// <summary>
/// A transform's element-wise direction in fused form, as TensorPrimitives writes an operator: d = f(g; m, v) for one
/// lane, with the state lanes m and v updated in place. A direction holds its per-step scalars as fields and broadcasts
/// them where it uses them; the JIT hoists the broadcasts out of the driver's loop and folds the static state flags.
/// A <see cref="IFusedTail"/> turns the direction into a step of θ.
/// </summary>
internal interface IFusedDirection
{
    /// <summary>Whether the direction reads and writes a first state buffer m (a momentum or first moment).</summary>
    static abstract bool UsesM { get; }

    /// <summary>Whether the direction reads and writes a second state buffer v (a second moment or sum of squares).</summary>
    static abstract bool UsesV { get; }

    /// <summary>d for one lane of g, with m and v read and written in place.</summary>
    V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct;
}
