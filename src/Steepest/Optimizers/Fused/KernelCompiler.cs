using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// Composes a chain's tail into one fused kernel from what its transforms declare, using the chain's own transform
/// states (so fused and unfused runs share one state layout and can be saved, loaded and compared interchangeably).
/// A fusable tail is, read from the end: scale_by_learning_rate; an optional add_decayed_weights (decoupled); an
/// optional transform that is <see cref="IFusable"/> (its direction, with what it absorbs before it); and, for a form
/// that couples decay (trace, as PyTorch's SGD), an add_decayed_weights just before it. Without a fusable direction the
/// kernel is the decay and the rate alone (SGD). Everything before the tail runs unfused on update buffers.
/// </summary>
internal static class KernelCompiler
{
    /// <summary>Returns the fused kernel for the tail and how many transforms precede it.</summary>
    public static (FusedKernel? Kernel, int Prefix) Compile(IReadOnlyList<GradientTransform> transforms, IReadOnlyList<TransformState> states,
        IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> gradients, IReadOnlyList<float[]> updates, int threads)
    {
        int n = transforms.Count;
        if (n == 0 || transforms[n - 1] is not ScaleByLearningRate rate) return (null, n);
        int at = n - 2;
        double decay = 0;
        bool decayed = false, coupled = false;
        if (At(transforms, at) is AddDecayedWeights after) { decay = after.WeightDecay; decayed = true; at--; }

        FusedForm? form = At(transforms, at) is IFusable fusable
            ? fusable.Fuse(states[at], At(transforms, at - 1), at >= 1 ? states[at - 1] : null)
            : null;
        // A form that couples decay takes the decay before it; one after it would need a second decay term.
        if (form is { CouplesDecay: true } && decayed) form = null;
        if (form is null) form = new SgdForm();
        else
        {
            at -= 1 + form.Absorbs;
            // Coupled even without a decay, so that λ = 0 enters exactly where it enters with one.
            coupled = form.CouplesDecay;
            if (coupled && At(transforms, at) is AddDecayedWeights before) { decay = before.WeightDecay; decayed = true; at--; }
        }
        int prefix = at + 1;
        // The fused kernel reads gradients directly when nothing runs before it, else the update buffers.
        var kernel = new FusedKernel(parameters, prefix == 0 ? gradients : updates, threads, form, decayed, coupled, decay, rate, (StepCountState)states[n - 1]);
        return (kernel, prefix);
    }

    private static GradientTransform? At(IReadOnlyList<GradientTransform> transforms, int index) => index >= 0 ? transforms[index] : null;
}
