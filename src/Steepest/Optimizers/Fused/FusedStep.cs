using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>A direction composed with its tail: the one element-wise rule that <see cref="FusedDriver"/> runs.</summary>
internal readonly struct FusedStep<TDirection, TTail>(TDirection direction, TTail tail)
    where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail
{
    /// <summary>Whether the rule keeps a first state buffer.</summary>
    public static bool UsesM => TDirection.UsesM;

    /// <summary>Whether the rule keeps a second state buffer.</summary>
    public static bool UsesV => TDirection.UsesV;

    /// <summary>θ ← θ + step for one lane, with the state lanes m and v read and written in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct =>
        tail.Step<TDirection, L, V>(direction, ref p, g, ref m, ref v);
}
