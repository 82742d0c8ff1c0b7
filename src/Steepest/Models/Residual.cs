using Steepest.Optimizers;

using System.Numerics.Tensors;

namespace Steepest.Models;

/// <summary>A residual connection y = x + f(x) around a module f that keeps the shape; ∂x = ∂y + ∂f/∂x·∂y.</summary>
public sealed class Residual : Module
{
    private float[] branch = [];

    /// <summary>Wraps <paramref name="inner"/>, whose output shape must equal its input shape.</summary>
    public Residual(string name, Module inner) : base(name, [.. inner.InputShape], [.. inner.OutputShape])
    {
        if (!inner.InputShape.SequenceEqual(inner.OutputShape))
            throw new ArgumentException($"{name}: a residual branch must keep the shape, {inner.Name} maps [{string.Join("×", inner.InputShape)}] to [{string.Join("×", inner.OutputShape)}]");
        Inner = inner;
    }

    /// <summary>The branch f.</summary>
    public Module Inner { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => Inner.Parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<Module> Children => [Inner];

    /// <summary>1 + s_f: the sum rule of Large et al. for x + f(x) (modula keeps 1 by scaling the branches, which this residual does not).</summary>
    public override double Sensitivity => 1 + Inner.Sensitivity;

    /// <inheritdoc/>
    public override void Initialize(SplitMix64 random) => Inner.Initialize(random);

    /// <inheritdoc/>
    protected override void AllocateCore(int batch)
    {
        Inner.Allocate(batch);
        branch = new float[(long)batch * OutputSize];
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        var f = branch.AsSpan(0, input.Length);
        Inner.Forward(input, f, batch);
        TensorPrimitives.Add(input, f, output);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        Inner.Backward(input, branch.AsSpan(0, input.Length), outputGradient, inputGradient, batch);
        if (!inputGradient.IsEmpty) TensorPrimitives.Add(inputGradient, outputGradient, inputGradient);
    }
}
