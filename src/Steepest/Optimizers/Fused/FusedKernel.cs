using System.Runtime.Intrinsics;
using Steepest.Threading;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// An update rule fused into one pass over memory: it reads the gradient (or an update buffer) and its state and
/// writes the state and the parameter directly. All parameters form one index space that threads split evenly, so a
/// 16M-value model runs on every core; small models stay on the calling thread. A step allocates nothing.
/// </summary>
internal abstract class FusedKernel : IWorkerJob
{
    /// <summary>Below this many values per thread, a thread costs more than it saves.</summary>
    private const long MinimumPerThread = 1 << 16;

    private readonly long[] offsets;
    private readonly long total;
    private int parts;

    protected FusedKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads)
    {
        Parameters = parameters;
        Sources = sources;
        requestedThreads = threads;
        offsets = new long[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++) offsets[i + 1] = offsets[i] + parameters[i].Length;
        total = offsets[^1];
    }

    protected IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>What the kernel reads as "g": the gradients, or update buffers when unfused transforms ran first.</summary>
    protected IReadOnlyList<float[]> Sources { get; }

    protected int Threads => requestedThreads > 0 ? requestedThreads : WorkerTeam.AvailableThreads;

    private readonly int requestedThreads;

    /// <summary>The hardware runs 512-bit vectors: the kernels use Vector512.</summary>
    protected static bool UseVector512 => Vector512.IsHardwareAccelerated;

    /// <summary>The hardware runs 256-bit vectors: the kernels use Vector256 when Vector512 is not accelerated.</summary>
    protected static bool UseVector256 => Vector256.IsHardwareAccelerated;

    /// <summary>A description for Optimizer.Plan, e.g. "fused adam".</summary>
    public abstract string Name { get; }

    /// <summary>Bytes read and written per parameter value in one step (Adam: 28).</summary>
    public abstract int BytesPerValue { get; }

    /// <summary>Splits between threads fall on multiples of this within a parameter (a quantization block is never shared).</summary>
    protected virtual int Alignment => 1;

    /// <summary>Per-step scalars (bias corrections, the learning rate) and counters, computed before the parallel pass.</summary>
    protected abstract void Prepare();

    /// <summary>Processes values [from, to) of parameter <paramref name="index"/>.</summary>
    protected abstract void Process(int index, int from, int to);

    /// <summary>
    /// The driver: runs <paramref name="rule"/> over values of one parameter, in 512- or 256-bit vectors where the
    /// hardware has them and in scalars for the tail. <paramref name="m"/> and <paramref name="v"/> are the rule's
    /// state (ignored where it keeps none); every lane is computed by the same expression, so the result does not
    /// depend on the width.
    /// </summary>
    protected static void Apply<TRule>(TRule rule, Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v) where TRule : struct, IFusedRule
    {
        int done = 0;
        if (UseVector512) done = Lanewise<TRule, Lanes512, Vector512<float>>(rule, p, g, m, v);
        else if (UseVector256) done = Lanewise<TRule, Lanes256, Vector256<float>>(rule, p, g, m, v);
        Lanewise<TRule, ScalarLanes, float>(rule, p[done..], g[done..], TRule.UsesM ? m[done..] : default, TRule.UsesV ? v[done..] : default);
    }

    private static int Lanewise<TRule, L, V>(TRule rule, Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
        where TRule : struct, IFusedRule where L : ILanes<V> where V : struct
    {
        int i = 0;
        for (; i + L.Count <= p.Length; i += L.Count)
        {
            V pi = L.Load(p, i), mi = TRule.UsesM ? L.Load(m, i) : default, vi = TRule.UsesV ? L.Load(v, i) : default;
            rule.Apply<L, V>(ref pi, L.Load(g, i), ref mi, ref vi);
            if (TRule.UsesM) L.Store(mi, m, i);
            if (TRule.UsesV) L.Store(vi, v, i);
            L.Store(pi, p, i);
        }
        return i;
    }

    /// <summary>One optimizer step over all parameters.</summary>
    public void Run()
    {
        Prepare();
        parts = (int)Math.Clamp(total / MinimumPerThread, 1, Threads);
        WorkerTeam.Run(parts, this);
    }

    /// <summary>The position rounded down to a multiple of <see cref="Alignment"/> inside its parameter: both neighbours of a split compute the same point.</summary>
    private long Align(long position)
    {
        if (Alignment == 1 || position >= total) return position;
        int i = Array.BinarySearch(offsets, position);
        if (i >= 0) return position;
        long first = offsets[~i - 1];
        return first + (position - first) / Alignment * Alignment;
    }

    /// <inheritdoc/>
    public void Execute(int part)
    {
        long start = Align(total * part / parts), end = Align(total * (part + 1) / parts);
        for (int i = 0; i < Parameters.Count && start < end; i++)
        {
            if (offsets[i + 1] <= start) continue;
            int from = (int)(start - offsets[i]);
            int to = (int)(Math.Min(end, offsets[i + 1]) - offsets[i]);
            if (to > from) Process(i, from, to);
            start = offsets[i] + to;
        }
    }
}
