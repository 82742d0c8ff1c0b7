using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Decoupled decay rounded as the unfused chain rounds it: u = θ·λ + d (when λ ≠ 0), then θ ← θ + u·step.</summary>
internal readonly struct RoundedDecoupledDecay(float step, float decay) : IFusedTail
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TDirection, L, V>(in TDirection direction, ref V p, V g, ref V m, ref V v)
        where TDirection : struct, IFusedDirection where L : ILanes<V> where V : struct
    {
        V u = direction.Direction<L, V>(g, ref m, ref v);
        if (decay != 0) u = L.Add(L.Multiply(p, L.Create(decay)), u);
        p = L.Add(p, L.Multiply(u, L.Create(step)));
    }
}
