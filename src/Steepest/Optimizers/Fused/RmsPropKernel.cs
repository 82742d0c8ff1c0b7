using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>RMSProp in one pass: v ← αv + (1−α)g², θ ← θ − η·g/(√v + ε). Reads g, v, θ and writes v, θ: 20 bytes per value.</summary>
internal sealed class RmsPropKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByRms rms, RmsState rmsState, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float alpha, eps, step;

    public override string Name => "fused rmsprop";
    public override int BytesPerValue => 20;

    protected override void Prepare()
    {
        rmsState.Count++;
        step = (float)-rate.Schedule.At(rateState.Count++);
        alpha = (float)rms.Alpha; eps = (float)rms.Epsilon;
    }

    protected override void Process(int index, int from, int to) => Apply(
        new Rule(alpha, eps, step),
        Parameters[index].Value.AsSpan(from, to - from), Sources[index].AsSpan(from, to - from), default, rmsState.SquareAverage[index].AsSpan(from, to - from));

    /// <summary>v ← αv + (1−α)g², θ ← θ − ηg/(√v + ε).</summary>
    private readonly struct Rule(float alpha, float eps, float step) : IFusedRule
    {
        public static bool UsesM => false;
        public static bool UsesV => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            v = L.MultiplyAdd(L.Create(alpha), v, L.Multiply(L.Create(1 - alpha), L.Multiply(g, g)));
            p = L.MultiplyAdd(L.Create(step), L.Divide(g, L.Add(L.Sqrt(v), L.Create(eps))), p);
        }
    }
}
