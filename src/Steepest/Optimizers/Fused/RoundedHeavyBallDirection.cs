using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Heavy-ball momentum rounded as trace's stored-state path rounds it: m ← μm + g, d = m, or g + μm with Nesterov.</summary>
internal readonly struct RoundedHeavyBallDirection(float mu, bool nesterov) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        m = L.Add(L.Multiply(L.Create(mu), m), g);
        return nesterov ? L.Add(g, L.Multiply(L.Create(mu), m)) : m;
    }
}
