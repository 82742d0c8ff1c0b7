using System.Runtime.CompilerServices;

namespace Steepest.Optimizers.Fused;

/// <summary>Lion's direction: d = sign(β₁m + (1−β₁)g), then m ← β₂m + (1−β₂)g; no multiply-adds, so the sign takes the unfused transform's side of every near-tie.</summary>
internal readonly struct LionDirection(float b1, float b2) : IFusedDirection
{
    public static bool UsesM => true;
    public static bool UsesV => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public V Direction<L, V>(V g, ref V m, ref V v) where L : ILanes<V> where V : struct
    {
        V d = L.Sign(L.Add(L.Multiply(L.Create(b1), m), L.Multiply(L.Create(1 - b1), g)));
        m = L.Add(L.Multiply(L.Create(b2), m), L.Multiply(L.Create(1 - b2), g));
        return d;
    }
}
