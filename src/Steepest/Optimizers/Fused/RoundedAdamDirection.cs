using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Adam's direction rounded as scale_by_adam's stored-state path rounds it (no multiply-adds), so bf16 and int8 kernels match the unfused chain bit for bit.</summary>
internal readonly struct RoundedAdamDirection(float b1, float b2, float eps, float c1, float c2) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        m = L.Add(L.Multiply(L.Create(b1), m), L.Multiply(L.Create(1 - b1), g));
        v = L.Add(L.Multiply(L.Create(b2), v), L.Multiply(L.Multiply(L.Create(1 - b2), g), g));
        return L.Divide(L.Multiply(m, L.Create(c1)), L.Add(L.Multiply(L.Sqrt(v), L.Create(c2)), L.Create(eps)));
    }
}
