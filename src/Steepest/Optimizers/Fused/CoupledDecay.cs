using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Coupled decay, fused: g' = g + λθ into the direction, then θ ← θ + step·d (PyTorch's SGD with momentum).</summary>
internal readonly struct CoupledDecay(float step, float decay) : IFusedTail
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TDirection, L, V>(in TDirection direction, ref V p, V g, ref V m, ref V v)
        where TDirection : struct, IFusedDirection where L : ILanes<V> where V : struct
    {
        V d = direction.Direction<L, V>(L.MultiplyAdd(L.Create(decay), p, g), ref m, ref v);
        p = L.MultiplyAdd(L.Create(step), d, p);
    }
}
