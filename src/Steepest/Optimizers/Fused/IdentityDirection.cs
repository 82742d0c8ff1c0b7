using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Plain SGD's direction: d = g.</summary>
internal readonly struct IdentityDirection : IFusedDirection
{
    public static bool UsesM => false;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        return g;
    }
}
