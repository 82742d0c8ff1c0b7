using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>Adagrad in one pass: s ← s + g², θ ← θ − η·g/(√s + ε). Reads g, s, θ and writes s, θ: 20 bytes per value.</summary>
internal sealed class AdagradKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdagrad adagrad, AdagradState adagradState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float eps, step;

    public override string Name => "fused adagrad";
    public override int BytesPerValue => 20;

    protected override void Prepare()
    {
        adagradState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        eps = (float)adagrad.Epsilon;
    }

    protected override void Process(int index, int from, int to) => Apply(
        new Rule(eps, step),
        Parameters[index].Value.AsSpan(from, to - from), Sources[index].AsSpan(from, to - from), default, adagradState.SumOfSquares[index].AsSpan(from, to - from));

    /// <summary>s ← s + g², θ ← θ − ηg/(√s + ε).</summary>
    private readonly struct Rule(float eps, float step) : IFusedRule
    {
        public static bool UsesM => false;
        public static bool UsesV => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            v = L.MultiplyAdd(g, g, v);
            p = L.MultiplyAdd(L.Create(step), L.Divide(g, L.Add(L.Sqrt(v), L.Create(eps))), p);
        }
    }
}
