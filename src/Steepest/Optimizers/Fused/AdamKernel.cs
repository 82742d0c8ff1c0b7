using System.Runtime.CompilerServices;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Adam / AdamW in one pass: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η(m̂/(√v̂ + ε) + λθ).
/// Reads g, m, v, θ and writes m, v, θ: 28 bytes per value in fp32.
/// </summary>
internal sealed class AdamKernel(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> sources, int threads,
    ScaleByAdam adam, AdamState adamState, double weightDecay, ScaleByLearningRate rate, StepCountState rateState)
    : FusedKernel(parameters, sources, threads)
{
    private float b1, b2, eps, inverseCorrection1, inverseSqrtCorrection2, step, decay;

    public override string Name => weightDecay == 0 ? "fused adam" : "fused adamw";
    public override int BytesPerValue => 28;

    protected override void Prepare()
    {
        long t = ++adamState.Count;
        double eta = rate.Schedule.At(rateState.Count++);
        b1 = (float)adam.Beta1; b2 = (float)adam.Beta2; eps = (float)adam.Epsilon;
        // m̂/(√v̂ + ε) = (m/c₁)/(√v/√c₂ + ε).
        inverseCorrection1 = (float)(1 / (1 - Math.Pow(adam.Beta1, t)));
        inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(1 - Math.Pow(adam.Beta2, t)));
        step = (float)-eta;
        decay = (float)weightDecay;
    }

    protected override void Process(int index, int from, int to) => Apply(
        new Rule(b1, b2, eps, inverseCorrection1, inverseSqrtCorrection2, step, decay),
        Parameters[index].Value.AsSpan(from, to - from), Sources[index].AsSpan(from, to - from),
        adamState.Mu[index].AsSpan(from, to - from), adamState.Nu[index].AsSpan(from, to - from));

    /// <summary>m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η(m·c₁/(√v·c₂ + ε) + λθ).</summary>
    private readonly struct Rule(float b1, float b2, float eps, float c1, float c2, float step, float decay) : IFusedRule
    {
        public static bool UsesM => true;
        public static bool UsesV => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<L, V>(ref V p, V g, ref V m, ref V v) where L : ILanes<V> where V : struct
        {
            m = L.MultiplyAdd(L.Create(b1), m, L.Multiply(L.Create(1 - b1), g));
            v = L.MultiplyAdd(L.Create(b2), v, L.Multiply(L.Create(1 - b2), L.Multiply(g, g)));
            V direction = L.Divide(L.Multiply(m, L.Create(c1)), L.Add(L.Multiply(L.Sqrt(v), L.Create(c2)), L.Create(eps)));
            p = L.MultiplyAdd(L.Create(step), L.MultiplyAdd(L.Create(decay), p, direction), p);
        }
    }
}
