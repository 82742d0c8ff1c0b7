using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Decoupled decay, fused: θ ← θ + step·(d + λθ) with two multiply-adds (AdamW, Lion, signSGD, and any direction with no decay after it).</summary>
internal readonly struct DecoupledDecay(float step, float decay) : IFusedTail
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TDirection, L, V>(in TDirection direction, ref V p, V g, ref V m, ref V v)
        where TDirection : struct, IFusedDirection where L : ILanes<V> where V : struct
    {
        V d = direction.Direction<L, V>(g, ref m, ref v);
        p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, d), p);
    }
}
