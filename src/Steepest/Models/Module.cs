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
