using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Coupled decay rounded as the unfused chain rounds it: g' = θ·λ + g (when λ ≠ 0) into the direction, then θ ← θ + d·step.</summary>
internal readonly struct RoundedCoupledDecay(float step, float decay) : IFusedTail
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TDirection, L, V>(in TDirection direction, ref V p, V g, ref V m, ref V v)
        where TDirection : struct, IFusedDirection where L : ILanes<V> where V : struct
    {
        if (decay != 0) g = L.Add(L.Multiply(p, L.Create(decay)), g);
        V d = direction.Direction<L, V>(g, ref m, ref v);
        p = L.Add(p, L.Multiply(d, L.Create(step)));
    }
}
