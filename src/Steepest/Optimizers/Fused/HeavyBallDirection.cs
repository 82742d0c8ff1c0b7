using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Heavy-ball momentum with multiply-adds: m ← μm + g, d = m, or g + μm with Nesterov.</summary>
internal readonly struct HeavyBallDirection(float mu, bool nesterov) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        m = L.MultiplyAdd(L.Create(mu), m, g);
        return nesterov ? L.MultiplyAdd(L.Create(mu), m, g) : m;
    }
}
