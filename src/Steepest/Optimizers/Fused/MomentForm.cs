using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers.Fused;

/// <summary>
/// The fused form of a transform with one moment (Lion, trace): m in fp32 (20 bytes per value with θ and g), or stored
/// in bf16 (16) or block-wise int8 (14) and then rounded as the unfused chain rounds it.
/// </summary>
internal abstract class MomentForm : FusedForm
{
    protected MomentForm(MomentumState state) => Fp32 = state;

    protected MomentForm(CompressedState state) => Stored = state;

    /// <summary>The fp32 state, or null when the moment is stored.</summary>
    protected MomentumState? Fp32 { get; }

    /// <summary>The stored state, or null in fp32.</summary>
    protected CompressedState? Stored { get; }

    /// <summary>" (int8 state)" after the name when the moment is stored.</summary>
    protected string Suffix => Stored is null ? "" : $" ({Stored.Precision.Name()} state)";

    public override bool Rounded => Stored is not null;
    public override int Alignment => Stored is null ? 1 : MomentBuffer.BlockSize;
    public override int BytesPerValue => Stored is null ? 20 : Stored.Precision == StatePrecision.Int8 ? 14 : 16;

    public override void Prepare()
    {
        if (Stored is null) Fp32!.Count++;
        else Stored.Count++;
    }

    /// <summary>The step over the moment of parameter <paramref name="index"/>, wherever it is kept.</summary>
    protected void Run<TDirection, TTail>(FusedStep<TDirection, TTail> step, Span<float> p, ReadOnlySpan<float> g, int index, int from)
        where TDirection : struct, IFusedDirection where TTail : struct, IFusedTail
    {
        if (Stored is null) FusedDriver.Apply(step, p, g, Fp32!.Momentum[index].AsSpan(from, p.Length), default);
        else FusedDriver.Apply(step, p, g, Stored.Moments[0][index], null, from);
    }
}
