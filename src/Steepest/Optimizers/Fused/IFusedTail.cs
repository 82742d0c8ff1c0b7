namespace Steepest.Optimizers.Fused;

/// <summary>
/// What follows a direction in a fused chain: the weight decay, before the direction (coupled, PyTorch's L2 term) or
/// after it (decoupled), and the learning rate, ending in θ ← θ + step. Fused tails use multiply-adds; rounded tails
/// round every product and sum as the unfused transforms do, for kernels that must match them bit for bit.
/// </summary>
internal interface IFusedTail
{
    /// <summary>θ ← θ − η·(the direction of g, with the decay where the tail puts it), for one lane.</summary>
    void Step<TDirection, L, V>(in TDirection direction, ref V p, V g, ref V m, ref V v)
        where TDirection : struct, IFusedDirection where L : ILanes<V> where V : struct;
}
