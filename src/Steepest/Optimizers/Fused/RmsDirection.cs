using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>RMSProp's direction: v ← αv + (1−α)g², d = g/(√v + ε).</summary>
internal readonly struct RmsDirection(float alpha, float eps) : IFusedDirection
{
    public static bool UsesM => false;
    public static bool UsesV => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        v = L.MultiplyAdd(L.Create(alpha), v, L.Multiply(L.Create(1 - alpha), L.Multiply(g, g)));
        return L.Divide(g, L.Add(L.Sqrt(v), L.Create(eps)));
    }
}
