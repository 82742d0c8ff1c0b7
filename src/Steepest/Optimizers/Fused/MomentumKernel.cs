using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// SGD as PyTorch does it, in one pass: g' = g + λθ, m ← μm + g', θ ← θ − η·(Nesterov ? g' + μm : m);
/// without momentum θ ← θ − η·g'. Reads g, (m,) θ and writes (m,) θ: 20 bytes per value (12 without momentum).
/// </summary>
internal sealed class MomentumKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    double weightDecay, Trace? trace, MomentumState? traceState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float mu, step, decay;

    public override string Name => trace is null ? "fused sgd" : trace.Nesterov ? "fused nesterov" : "fused momentum";
    public override int BytesPerValue => trace is null ? 12 : 20;

    protected override void Prepare()
    {
        if (traceState is not null) traceState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        mu = (float)(trace?.Decay ?? 0);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        if (traceState is null) Apply(new Sgd(step, decay), p, g, default, default);
        else Apply(new HeavyBall(mu, step, decay, trace!.Nesterov), p, g, traceState.Momentum[index].AsSpan(from, to - from), default);
    }

    /// <summary>θ ← θ − η(g + λθ).</summary>
    private readonly struct Sgd(float step, float decay) : IFusedRule
    {
        public static bool UsesM => false;
        public static bool UsesV => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct =>
            p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, g), p);
    }

    /// <summary>g ← g + λθ, m ← μm + g, θ ← θ − η·(m, or g + μm with Nesterov).</summary>
    private readonly struct HeavyBall(float mu, float step, float decay, bool nesterov) : IFusedRule
    {
        public static bool UsesM => true;
        public static bool UsesV => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            V momentum = L.Create(mu);
            V gi = L.MultiplyAdd(L.Create(decay), p, g);
            m = L.MultiplyAdd(momentum, m, gi);
            p = L.MultiplyAdd(L.Create(step), nesterov ? L.MultiplyAdd(momentum, m, gi) : m, p);
        }
    }
}
