using Steepest.Optimizers.Transforms;
using Steepest.Threading;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// A chain tail fused into one pass over memory: a transform's <see cref="FusedForm"/> (its direction), then the weight
/// decay and the learning rate. It reads the gradient (or an update buffer) and the state and writes the state and the
/// parameter directly. All parameters form one index space that threads split evenly, so a 16M-value model runs on
/// every core; small models stay on the calling thread. A step allocates nothing.
/// </summary>
internal sealed class FusedKernel : IWorkerJob
{
    /// <summary>Below this many values per thread, a thread costs more than it saves.</summary>
    private const long MinimumPerThread = 1 << 16;

    private readonly IReadOnlyList<Parameter> parameters;
    private readonly IReadOnlyList<float[]> sources;
    private readonly FusedForm form;
    private readonly double weightDecay;
    private readonly bool decayed, coupled;
    private readonly ScaleByLearningRate rate;
    private readonly StepCountState rateState;
    private readonly int requestedThreads;
    private readonly long[] offsets;
    private readonly long total;
    private int parts;
    private float step, decay;

    /// <summary>
    /// <paramref name="form"/>, then a decay λ = <paramref name="weightDecay"/> (before the direction when
    /// <paramref name="coupled"/>; none when not <paramref name="decayed"/>), then θ ← θ − η·u with η from <paramref name="rate"/>.
    /// <paramref name="sources"/> is what the kernel reads as g: the gradients, or update buffers when unfused transforms ran first.
    /// </summary>
    public FusedKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads, FusedForm form,
        bool decayed, bool coupled, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    {
        this.parameters = parameters;
        this.sources = sources;
        this.form = form;
        this.decayed = decayed;
        this.coupled = coupled;
        this.weightDecay = weightDecay;
        this.rate = rate;
        this.rateState = rateState;
        requestedThreads = threads;
        offsets = new long[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++) offsets[i + 1] = offsets[i] + parameters[i].Length;
        total = offsets[^1];
    }

    private int Threads => requestedThreads > 0 ? requestedThreads : WorkerTeam.AvailableThreads;

    /// <summary>A description for Optimizer.Plan, e.g. "fused adam".</summary>
    public string Name => "fused " + form.Name(decayed);

    /// <summary>Bytes read and written per parameter value in one step (Adam: 28).</summary>
    public int BytesPerValue => form.BytesPerValue;

    private void Prepare()
    {
        form.Prepare();
        step = (float)-rate.Schedule.At(rateState.Count++);
        decay = (float)weightDecay;
    }

    /// <summary>Values [from, to) of parameter <paramref name="index"/>, with the tail the form and the decay call for.</summary>
    private void Process(int index, int from, int to)
    {
        Span<float> p = parameters[index].Value.AsSpan(from, to - from);
        ReadOnlySpan<float> g = sources[index].AsSpan(from, to - from);
        if (form.Rounded && coupled) form.Process(new RoundedCoupledDecay(step, decay), p, g, index, from);
        else if (form.Rounded) form.Process(new RoundedDecoupledDecay(step, decay), p, g, index, from);
        else if (coupled) form.Process(new CoupledDecay(step, decay), p, g, index, from);
        else form.Process(new DecoupledDecay(step, decay), p, g, index, from);
    }

    /// <summary>One optimizer step over all parameters.</summary>
    public void Run()
    {
        Prepare();
        parts = (int)Math.Clamp(total / MinimumPerThread, 1, Threads);
        WorkerTeam.Run(parts, this);
    }

    /// <summary>The position rounded down to a multiple of the form's alignment inside its parameter: both neighbours of a split compute the same point.</summary>
    private long Align(long position)
    {
        if (form.Alignment == 1 || position >= total) return position;
        int i = Array.BinarySearch(offsets, position);
        if (i >= 0) return position;
        long first = offsets[~i - 1];
        return first + (position - first) / form.Alignment * form.Alignment;
    }

    /// <inheritdoc/>
    public void Execute(int part)
    {
        long start = Align(total * part / parts), end = Align(total * (part + 1) / parts);
        for (int i = 0; i < parameters.Count && start < end; i++)
        {
            if (offsets[i + 1] <= start) continue;
            int from = (int)(start - offsets[i]);
            int to = (int)(Math.Min(end, offsets[i + 1]) - offsets[i]);
            if (to > from) Process(i, from, to);
            start = offsets[i] + to;
        }
    }
}
