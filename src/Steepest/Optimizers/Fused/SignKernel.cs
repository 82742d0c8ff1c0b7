using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// signSGD and Signum in one pass: (m ← βm + (1−β)g,) θ ← θ − η(sign(m or g) + λθ).
/// Reads g, (m,) θ and writes (m,) θ: 20 bytes per value with momentum, 12 without.
/// </summary>
internal sealed class SignKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    EmaMomentum? momentum, MomentumState? momentumState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float beta, step, decay;

    public override string Name => momentum is null ? "fused sign-sgd" : "fused signum";
    public override int BytesPerValue => momentum is null ? 12 : 20;

    protected override void Prepare()
    {
        if (momentumState is not null) momentumState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        beta = (float)(momentum?.Beta ?? 0);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        var p = Parameters[index].Value.AsSpan(from, to - from);
        var g = Sources[index].AsSpan(from, to - from);
        if (momentumState is null) Apply(new Sign(step, decay), p, g, default, default);
        else Apply(new Signum(beta, step, decay), p, g, momentumState.Momentum[index].AsSpan(from, to - from), default);
    }

    /// <summary>θ ← θ − η(sign(g) + λθ).</summary>
    private readonly struct Sign(float step, float decay) : IFusedRule
    {
        public static bool UsesM => false;
        public static bool UsesV => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct =>
            p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, L.Sign(g)), p);
    }

    /// <summary>m ← βm + (1−β)g, then θ ← θ − η(sign(m) + λθ).</summary>
    private readonly struct Signum(float beta, float step, float decay) : IFusedRule
    {
        public static bool UsesM => true;
        public static bool UsesV => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            // Rounded exactly as ema_momentum rounds it, so the sign agrees with the unfused transform bit for bit.
            m = L.Add(L.Multiply(L.Create(beta), m), L.Multiply(L.Create(1 - beta), g));
            p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, L.Sign(m)), p);
        }
    }
}
