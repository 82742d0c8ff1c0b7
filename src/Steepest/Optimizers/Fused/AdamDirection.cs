using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Adam's direction with multiply-adds: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², d = m·c₁/(√v·c₂ + ε) with c = the inverse bias corrections.</summary>
internal readonly struct AdamDirection(float b1, float b2, float eps, float c1, float c2) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        m = L.MultiplyAdd(L.Create(b1), m, L.Multiply(L.Create(1 - b1), g));
        v = L.MultiplyAdd(L.Create(b2), v, L.Multiply(L.Create(1 - b2), L.Multiply(g, g)));
        return L.Divide(L.Multiply(m, L.Create(c1)), L.Add(L.Multiply(L.Sqrt(v), L.Create(c2)), L.Create(eps)));
    }
}
