using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Signum's direction: m ← βm + (1−β)g rounded as ema_momentum rounds it, then d = sign(m).</summary>
internal readonly struct SignumDirection(float beta) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        m = L.Add(L.Multiply(L.Create(beta), m), L.Multiply(L.Create(1 - beta), g));
        return L.Sign(m);
    }
}
