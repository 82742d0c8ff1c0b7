using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Adagrad's direction: s ← s + g², d = g/(√s + ε).</summary>
internal readonly struct AdagradDirection(float eps) : IFusedDirection
{
    public static bool UsesM => false;
    public static bool UsesV => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        v = L.MultiplyAdd(g, g, v);
        return L.Divide(g, L.Add(L.Sqrt(v), L.Create(eps)));
    }
}
