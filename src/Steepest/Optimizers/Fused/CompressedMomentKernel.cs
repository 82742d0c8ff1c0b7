using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Optimizers.Transforms;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Lion, or heavy-ball / Nesterov momentum, over a bf16 or block-wise int8 moment in one pass, the single-moment
/// counterpart of <see cref="CompressedAdamKernel"/>. Its arithmetic is the unfused chain's, operation for operation
/// and without fused multiply-adds, so fused and unfused steps agree bit for bit:
/// <list type="bullet">
/// <item>Lion: u = sign(β₁m + (1−β₁)g), m = β₂m + (1−β₂)g, then θ·λ + u (decoupled), u·(−η), θ + u;</item>
/// <item>momentum: g' = θ·λ + g (coupled, as PyTorch), m = μm + g', u = m or, with Nesterov, g' + μm, then u·(−η), θ + u.</item>
/// </list>
/// </summary>
internal sealed class CompressedMomentKernel : FusedKernel
{
    private readonly CompressedState state;
    private readonly ScaleByLion? lion;
    private readonly Trace? trace;
    private readonly double weightDecay;
    private readonly ScaleByLearningRate rate;
    private readonly StepCountState rateState;
    private float b1, b2, mu, factor, decay;

    /// <summary>Lion with decoupled decay.</summary>
    public CompressedMomentKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads, ScaleByLion lion, CompressedState state,
        double weightDecay, ScaleByLearningRate rate, StepCountState rateState) : this(parameters, sources, threads, state, weightDecay, rate, rateState) => this.lion = lion;

    /// <summary>Momentum or Nesterov with coupled decay.</summary>
    public CompressedMomentKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads, Trace trace, CompressedState state,
        double weightDecay, ScaleByLearningRate rate, StepCountState rateState) : this(parameters, sources, threads, state, weightDecay, rate, rateState) => this.trace = trace;

    private CompressedMomentKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads, CompressedState state,
        double weightDecay, ScaleByLearningRate rate, StepCountState rateState) : base(parameters, sources, threads)
    {
        this.state = state;
        this.weightDecay = weightDecay;
        this.rate = rate;
        this.rateState = rateState;
    }

    public override string Name => $"fused {(lion is not null ? "lion" : trace!.Nesterov ? "nesterov" : "momentum")} ({state.Precision.Name()} state)";
    public override int BytesPerValue => state.Precision == StatePrecision.Int8 ? 14 : 16;
    protected override int Alignment => MomentBuffer.BlockSize;

    protected override void Prepare()
    {
        state.Count++;
        if (lion is not null) { b1 = (float)lion.Beta1; b2 = (float)lion.Beta2; }
        else mu = (float)trace!.Decay;
        factor = (float)-rate.Schedule.At(rateState.Count++);
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to)
    {
        MomentBuffer moment = state.Moments[0][index];
        Span<float> p = Parameters[index].Value.AsSpan(from, to - from);
        ReadOnlySpan<float> g = Sources[index].AsSpan(from, to - from);
        if (moment is Bf16Moment halves)
        {
            Span<ushort> m16 = MemoryMarshal.Cast<byte, ushort>(halves.Halves.AsSpan()).Slice(from, to - from);
            int done = 0;
            if (UseVector512) done = Halves<Lanes512, Vector512<float>>(p, g, m16);
            else if (UseVector256) done = Halves<Lanes256, Vector256<float>>(p, g, m16);
            Halves<ScalarLanes, float>(p[done..], g[done..], m16[done..]);
            return;
        }
        Span<float> m = stackalloc float[MomentBuffer.BlockSize];
        for (int start = 0; start < p.Length; start += MomentBuffer.BlockSize)
        {
            int n = Math.Min(MomentBuffer.BlockSize, p.Length - start);
            moment.Load(from + start, m[..n]);
            Span<float> pb = p.Slice(start, n);
            ReadOnlySpan<float> gb = g.Slice(start, n);
            int done = 0;
            if (UseVector512) done = Floats<Lanes512, Vector512<float>>(pb, gb, m[..n]);
            else if (UseVector256) done = Floats<Lanes256, Vector256<float>>(pb, gb, m[..n]);
            Floats<ScalarLanes, float>(pb[done..], gb[done..], m[done..n]);
            moment.Store(from + start, m[..n]);
        }
    }

    private int Floats<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<float> m) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count) L.Store(Step<L, V>(p, g, L.Load(m, i), i), m, i);
        return i;
    }

    private int Halves<L, V>(Span<float> p, ReadOnlySpan<float> g, Span<ushort> m) where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count) L.StoreBf16(Step<L, V>(p, g, L.LoadBf16(m, i), i), m, i);
        return i;
    }

    /// <summary>One vector of the step: the new moment returned, θ written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Step<L, V>(Span<float> p, ReadOnlySpan<float> g, V m, int i) where L : ILanes<V> where V : struct
    {
        V gi = L.Load(g, i);
        V pi = L.Load(p, i);
        V u, next;
        if (lion is not null)
        {
            u = L.Sign(L.Add(L.Multiply(L.Create(b1), m), L.Multiply(L.Create(1 - b1), gi)));
            next = L.Add(L.Multiply(L.Create(b2), m), L.Multiply(L.Create(1 - b2), gi));
            if (decay != 0) u = L.Add(L.Multiply(pi, L.Create(decay)), u);
        }
        else
        {
            if (decay != 0) gi = L.Add(L.Multiply(pi, L.Create(decay)), gi);
            next = L.Add(L.Multiply(L.Create(mu), m), gi);
            u = trace!.Nesterov ? L.Add(gi, L.Multiply(L.Create(mu), next)) : next;
        }
        L.Store(L.Add(pi, L.Multiply(u, L.Create(factor))), p, i);
        return next;
    }
}
