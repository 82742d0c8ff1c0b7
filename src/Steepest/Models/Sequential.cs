using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// Modules applied in order, y = fₙ(…f₂(f₁(x))); the output of each is the input of the next, and the backward pass
/// walks them in reverse. The buffers between modules (activations and their gradients) are allocated here, once.
/// </summary>
public sealed class Sequential : Module
{
    private readonly Module[] modules;
    private float[][] activations = [], gradients = [];

    /// <summary>Chains <paramref name="modules"/>; each one's input shape must be the previous one's output shape.</summary>
    public Sequential(string name, params Module[] modules) : base(name, [.. First(name, modules).InputShape], [.. modules[^1].OutputShape])
    {
        for (int i = 1; i < modules.Length; i++)
            if (!modules[i].InputShape.SequenceEqual(modules[i - 1].OutputShape))
                throw new ArgumentException($"{name}: {modules[i - 1].Name} makes [{string.Join("×", modules[i - 1].OutputShape)}] but {modules[i].Name} takes [{string.Join("×", modules[i].InputShape)}]");
        this.modules = modules;
        Parameters = modules.SelectMany(m => m.Parameters).ToArray();
    }

    /// <summary>The modules, in order.</summary>
    public IReadOnlyList<Module> Modules => modules;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Module> Children => modules;

    /// <summary>Initializes each module in order.</summary>
    public override void Initialize(SplitMix64 random)
    {
        foreach (var module in modules) module.Initialize(random);
    }

    /// <inheritdoc/>
    protected override void AllocateCore(int batch)
    {
        foreach (var module in modules) module.Allocate(batch);
        activations = modules[..^1].Select(m => new float[(long)batch * m.OutputSize]).ToArray();
        gradients = modules[..^1].Select(m => new float[(long)batch * m.OutputSize]).ToArray();
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int i = 0; i < modules.Length; i++)
            modules[i].Forward(i == 0 ? input : activations[i - 1], i == modules.Length - 1 ? output : activations[i], batch);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        for (int i = modules.Length - 1; i >= 0; i--)
        {
            bool last = i == modules.Length - 1;
            modules[i].Backward(i == 0 ? input : activations[i - 1], last ? output : activations[i], last ? outputGradient : gradients[i],
                i == 0 ? inputGradient : gradients[i - 1], batch);
        }
    }

    private static Module First(string name, Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return modules.Length > 0 ? modules[0] : throw new ArgumentException($"{name}: a sequence needs at least one module");
    }
}
