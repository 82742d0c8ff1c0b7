using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>signSGD's direction: d = sign(g).</summary>
internal readonly struct SignDirection : IFusedDirection
{
    public static bool UsesM => false;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        return L.Sign(g);
    }
}
