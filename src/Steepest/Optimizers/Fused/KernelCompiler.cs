using Steepest.Optimizers.Transforms;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Recognises chain tails that a fused kernel implements exactly, using the chain's own transform states (so fused and
/// unfused runs share one state layout and can be saved, loaded and compared interchangeably):
/// <list type="bullet">
/// <item>scale_by_adam, [add_decayed_weights], scale_by_learning_rate → Adam / AdamW</item>
/// <item>scale_by_lion, [add_decayed_weights], scale_by_learning_rate → Lion</item>
/// <item>[ema_momentum], scale_by_sign, [add_decayed_weights], scale_by_learning_rate → signSGD / Signum</item>
/// <item>scale_by_rms, scale_by_learning_rate → RMSProp; scale_by_adagrad, scale_by_learning_rate → Adagrad</item>
/// <item>[add_decayed_weights], [trace], scale_by_learning_rate → SGD, momentum, Nesterov</item>
/// </list>
/// </summary>
internal static class KernelCompiler
{
    /// <summary>Returns the fused kernel for the longest recognised tail and how many transforms precede it.</summary>
    public static (FusedKernel? Kernel, int Prefix) Compile(IReadOnlyList<GradientTransform> transforms, IReadOnlyList<TransformState> states,
        IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> gradients, IReadOnlyList<float[]> updates, int threads)
    {
        int n = transforms.Count;
        if (n == 0 || transforms[n - 1] is not ScaleByLearningRate rate) return (null, n);
        var rateState = (StepCountState)states[n - 1];
        int at = n - 2;
        double decay = 0;
        bool decayed = false;
        if (at >= 0 && transforms[at] is AddDecayedWeights d) { decay = d.WeightDecay; decayed = true; at--; }

        // The fused kernel reads gradients directly when nothing runs before it, else the update buffers.
        IReadOnlyList<float[]> Sources(int prefix) => prefix == 0 ? gradients : updates;

        if (at >= 0 && transforms[at] is ScaleByAdam compressedAdam && states[at] is CompressedState compressed)
            return (new CompressedAdamKernel(parameters, Sources(at), threads, compressedAdam, compressed, decay, rate, rateState), at);
        if (at >= 0 && transforms[at] is ScaleByAdam adam)
            return (new AdamKernel(parameters, Sources(at), threads, adam, (AdamState)states[at], decay, rate, rateState), at);
        if (at >= 0 && transforms[at] is ScaleByLion compressedLion && states[at] is CompressedState lionState)
            return (new CompressedMomentKernel(parameters, Sources(at), threads, compressedLion, lionState, decay, rate, rateState), at);
        if (at >= 0 && transforms[at] is ScaleByLion lion)
            return (new LionKernel(parameters, Sources(at), threads, lion, (MomentumState)states[at], decay, rate, rateState), at);
        if (at >= 0 && transforms[at] is ScaleBySign)
        {
            if (at - 1 >= 0 && transforms[at - 1] is EmaMomentum { Nesterov: false } ema && states[at - 1] is MomentumState emaState)
                return (new SignKernel(parameters, Sources(at - 1), threads, ema, emaState, decay, rate, rateState), at - 1);
            return (new SignKernel(parameters, Sources(at), threads, null, null, decay, rate, rateState), at);
        }
        if (!decayed && at >= 0 && transforms[at] is ScaleByRms rms)
            return (new RmsPropKernel(parameters, Sources(at), threads, rms, (RmsState)states[at], rate, rateState), at);
        if (!decayed && at >= 0 && transforms[at] is ScaleByAdagrad adagrad)
            return (new AdagradKernel(parameters, Sources(at), threads, adagrad, (AdagradState)states[at], rate, rateState), at);

        // SGD family: the (coupled) weight decay comes before the momentum, as in PyTorch.
        at = n - 2;
        Trace? trace = null;
        TransformState? traceState = null;
        if (at >= 0 && transforms[at] is Trace t) { trace = t; traceState = states[at]; at--; }
        decay = 0;
        if (at >= 0 && transforms[at] is AddDecayedWeights coupled) { decay = coupled.WeightDecay; at--; }
        int prefix = at + 1;
        if (trace is not null && traceState is CompressedState moments)
            return (new CompressedMomentKernel(parameters, Sources(prefix), threads, trace, moments, decay, rate, rateState), prefix);
        return (new MomentumKernel(parameters, Sources(prefix), threads, decay, trace, (MomentumState?)traceState, rate, rateState), prefix);
    }
}
