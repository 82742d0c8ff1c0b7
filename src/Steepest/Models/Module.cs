using Steepest.Norms;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A layer, or a composition of layers, with an explicit forward and backward pass over a batch of examples, in the
/// manner of llm.c: y = f(x; θ) for each of <c>batch</c> examples stored one after another (row-major, channels last),
/// and backward(x, y, ∂L/∂y) → ∂L/∂x and ∂L/∂θ. Every buffer a pass needs is allocated once by <see cref="Allocate"/>,
/// so training steps allocate nothing. Backward overwrites the gradients of the module's parameters.
/// </summary>
public abstract class Module
{
    private readonly int[] inputShape, outputShape;
    private double? mass;

    /// <summary>A module that maps examples of <paramref name="inputShape"/> to examples of <paramref name="outputShape"/>.</summary>
    protected Module(string name, int[] inputShape, int[] outputShape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        if (inputShape.Length == 0 || inputShape.Any(d => d < 1) || outputShape.Length == 0 || outputShape.Any(d => d < 1))
            throw new ArgumentException($"{name}: shapes must be non-empty and positive, got [{string.Join("×", inputShape)}] → [{string.Join("×", outputShape)}]");
        Name = name;
        this.inputShape = (int[])inputShape.Clone();
        this.outputShape = (int[])outputShape.Clone();
        InputSize = checked(inputShape.Aggregate(1, (a, b) => a * b));
        OutputSize = checked(outputShape.Aggregate(1, (a, b) => a * b));
    }

    /// <summary>The module's name; its parameters' names start with it.</summary>
    public string Name { get; }

    /// <summary>Shape of one input example (e.g. [H, W, C] for images, [T, D] for token sequences).</summary>
    public IReadOnlyList<int> InputShape => inputShape;

    /// <summary>Shape of one output example.</summary>
    public IReadOnlyList<int> OutputShape => outputShape;

    /// <summary>Values per input example: the product of <see cref="InputShape"/>.</summary>
    public int InputSize { get; }

    /// <summary>Values per output example.</summary>
    public int OutputSize { get; }

    /// <summary>The parameters of this module and of the modules inside it, in a fixed order.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The modules inside this one, in the order they are applied (empty for an atom or a bond).</summary>
    public virtual IReadOnlyList<Module> Children => [];

    /// <summary>
    /// The norm of each of the module's own parameters, in <see cref="Parameters"/> order (atoms only): e.g. a Linear's
    /// RMS→RMS operator norm on W and ℓ∞ on b. The atom's norm is their max.
    /// </summary>
    protected virtual IReadOnlyList<Norm> OwnNorms => [];

    /// <summary>Input sensitivity s, a Lipschitz estimate of the output in the input (Large et al. 2024): 1 for well-normed atoms and bonds, the product of the children's for a composition.</summary>
    public virtual double Sensitivity => Children.Aggregate(1.0, (product, m) => product * m.Sensitivity);

    /// <summary>Mass μ, the module's share of feature learning (Large et al. 2024): 1 for an atom unless tared, 0 for a module without parameters, the children's sum for a composite.</summary>
    public double Mass => Children.Count > 0 ? Children.Sum(m => m.Mass) : Parameters.Count == 0 ? 0 : mass ?? 1;

    /// <summary>Sets the mass to <paramref name="value"/> &gt; 0; a composite scales its children's masses in proportion (modula's tare).</summary>
    public void Tare(double value)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{Name}: mass must be finite and > 0, got {value}");
        double current = Mass;
        if (current == 0) throw new ArgumentException($"{Name}: has no parameters, so it has no mass to set");
        if (Children.Count == 0) { mass = value; return; }
        foreach (var child in Children)
            if (child.Mass > 0) child.Tare(child.Mass * value / current);
    }

    /// <summary>This module or the first one inside it (depth first) called <paramref name="name"/>, or null.</summary>
    public Module? Find(string name) => Name == name ? this : Children.Select(c => c.Find(name)).FirstOrDefault(m => m is not null);

    /// <summary>
    /// The modular norm (Large et al. 2024) over <see cref="Parameters"/>, one block per parameter: for a composition
    /// of children applied in order with masses μᵢ (μ = Σμᵢ) and sensitivities sᵢ, ‖w‖ = maxᵢ (μ/μᵢ)·(Πⱼ₍ⱼ₎₍ᵢ₎ sⱼ)·‖wᵢ‖ᵢ
    /// over the children after i, and an atom's norm is the max of its parameters' norms.
    /// </summary>
    public MaxCombinationNorm ModularNorm()
    {
        var blocks = ModularBlocks().ToArray();
        if (blocks.Length == 0) throw new InvalidOperationException($"{Name}: has no parameters, so no norm");
        return new MaxCombinationNorm(blocks);
    }

    private IEnumerable<NormBlock> ModularBlocks()
    {
        if (Children.Count == 0)
        {
            var norms = OwnNorms;
            if (norms.Count != Parameters.Count) throw new InvalidOperationException($"{Name}: declares {norms.Count} norms for {Parameters.Count} parameters");
            return norms.Select((norm, i) => new NormBlock(norm, Parameters[i].Length, 1));
        }
        double total = Mass;
        var result = new List<NormBlock>();
        for (int i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            if (child.Parameters.Count == 0) continue;
            double after = 1;
            for (int j = i + 1; j < Children.Count; j++) after *= Children[j].Sensitivity;
            double factor = total / child.Mass * after;
            result.AddRange(child.ModularBlocks().Select(b => b with { Scale = b.Scale * factor }));
        }
        return result;
    }

    /// <summary>The largest batch the buffers hold (0 before <see cref="Allocate"/>).</summary>
    public int Capacity { get; private set; }

    /// <summary>Allocates the buffers for batches of up to <paramref name="batch"/> examples (nothing when they already fit).</summary>
    public void Allocate(int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be ≥ 1");
        if (batch <= Capacity) return;
        AllocateCore(batch);
        Capacity = batch;
    }

    /// <summary>Initializes the parameters from <paramref name="random"/> (the order of draws is part of the model's definition).</summary>
    public virtual void Initialize(SplitMix64 random) { }

    /// <summary>y = f(x) for <paramref name="batch"/> examples.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckBatch(batch);
        CheckLength(input.Length, batch, InputSize, "input");
        CheckLength(output.Length, batch, OutputSize, "output");
        ForwardCore(input[..(batch * InputSize)], output[..(batch * OutputSize)], batch);
    }

    /// <summary>
    /// Given the forward pass's x and y and ∂L/∂y, overwrites every parameter gradient with ∂L/∂θ and writes ∂L/∂x into
    /// <paramref name="inputGradient"/>; an empty <paramref name="inputGradient"/> means the caller does not need it.
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        CheckBatch(batch);
        CheckLength(input.Length, batch, InputSize, "input");
        CheckLength(output.Length, batch, OutputSize, "output");
        CheckLength(outputGradient.Length, batch, OutputSize, "output gradient");
        if (!inputGradient.IsEmpty) CheckLength(inputGradient.Length, batch, InputSize, "input gradient");
        BackwardCore(input[..(batch * InputSize)], output[..(batch * OutputSize)], outputGradient[..(batch * OutputSize)],
            inputGradient.IsEmpty ? inputGradient : inputGradient[..(batch * InputSize)], batch);
    }

    /// <summary>Allocates the module's own buffers (and its children's) for <paramref name="batch"/> examples.</summary>
    protected virtual void AllocateCore(int batch) { }

    /// <summary>The forward pass; spans are exactly batch·size long.</summary>
    protected abstract void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>The backward pass; spans are exactly batch·size long, and <paramref name="inputGradient"/> may be empty.</summary>
    protected abstract void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: [{string.Join("×", inputShape)}] → [{string.Join("×", outputShape)}]";

    private void CheckBatch(int batch)
    {
        if (batch < 1 || batch > Capacity)
            throw new ArgumentException(Capacity == 0 ? $"{Name}: call Allocate before the first pass" : $"{Name}: a batch of {batch} does not fit buffers for {Capacity}");
    }

    private void CheckLength(int length, int batch, int size, string what)
    {
        if (length < (long)batch * size) throw new ArgumentException($"{Name}: the {what} holds {length} values, a batch of {batch} needs {(long)batch * size}");
    }
}
