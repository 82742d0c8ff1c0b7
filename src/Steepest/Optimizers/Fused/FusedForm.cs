namespace Steepest.Optimizers.Fused;

/// <summary>
/// What a transform declares for fusion (through <see cref="IFusable"/>): its direction over its own state, with the
/// per-step scalars it computes once per step. <see cref="KernelCompiler"/> composes it with the chain's decay and
/// learning rate into one <see cref="FusedKernel"/>.
/// </summary>
internal abstract class FusedForm
{
    /// <summary>Transforms just before this one in the chain that the form computes as well (Signum's ema_momentum).</summary>
    public virtual int Absorbs => 0;

    /// <summary>Whether a weight decay before the transform (PyTorch's L2 term) joins the kernel, rather than one after it.</summary>
    public virtual bool CouplesDecay => false;

    /// <summary>Whether the state is stored in bf16 or int8: the kernel then rounds every operation as the unfused chain does.</summary>
    public virtual bool Rounded => false;

    /// <summary>Thread splits fall on multiples of this (a quantization block is never shared).</summary>
    public virtual int Alignment => 1;

    /// <summary>The kernel's name after "fused ", e.g. "adamw (int8 state)".</summary>
    public abstract string Name(bool decayed);

    /// <summary>Bytes read and written per parameter value in one step, θ and g included (Adam in fp32: 28).</summary>
    public abstract int BytesPerValue { get; }

    /// <summary>Advances the transform's step count and computes this step's scalars.</summary>
    public abstract void Prepare();

    /// <summary>Runs the step with <paramref name="tail"/> over values [from, from + p.Length) of parameter <paramref name="index"/>.</summary>
    public abstract void Process<TTail>(TTail tail, Span<float> p, ReadOnlySpan<float> g, int index, int from) where TTail : struct, IFusedTail;
}
