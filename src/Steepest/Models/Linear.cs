using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Norms;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// y = x·Wᵀ + b over the last axis (every position of every example is a row), W out×in. Initialized like PyTorch's
/// nn.Linear: W and b uniform in ±1/√in. Forward and backward are SGEMMs: dW = dYᵀ·X, db = Σ_rows dY, dX = dY·W.
/// </summary>
public sealed class Linear : Module
{
    private readonly int inputs, outputs, rowsPerExample;

    /// <summary>A linear layer from the last axis of <paramref name="inputShape"/> (its width) to <paramref name="outputs"/>.</summary>
    /// <param name="name">Prefix of the parameter names (name.weight, name.bias).</param>
    /// <param name="inputShape">Shape of one example; the layer maps its last axis.</param>
    /// <param name="outputs">Output width.</param>
    /// <param name="kind">What the weight is for: <see cref="ParameterKind.Linear"/> inside the network, <see cref="ParameterKind.Head"/> for logits.</param>
    /// <param name="isInputLayer">The layer reads the data itself.</param>
    /// <param name="bias">With b (the default); without, y = x·Wᵀ and the only parameter is W.</param>
    public Linear(string name, int[] inputShape, int outputs, ParameterKind kind = ParameterKind.Linear, bool isInputLayer = false, bool bias = true)
        : base(name, inputShape, [.. inputShape[..^1], outputs])
    {
        inputs = inputShape[^1];
        this.outputs = outputs;
        rowsPerExample = InputSize / inputs;
        Weight = new Parameter($"{name}.weight", [outputs, inputs], kind, isInputLayer);
        Bias = bias ? new Parameter($"{name}.bias", [outputs], ParameterKind.Bias) : null;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <summary>W, out×in.</summary>
    public Parameter Weight { get; }

    /// <summary>b, one per output (null for a layer without bias).</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The RMS→RMS operator norm √(fan_in/fan_out)·σ₁ on W (fan_out × fan_in) and ℓ∞ on b.</summary>
    protected override IReadOnlyList<Norm> OwnNorms =>
        Bias is null ? [new RmsOperatorNorm(Weight.Rows, Weight.Columns)] : [new RmsOperatorNorm(Weight.Rows, Weight.Columns), new LInfinityNorm()];

    /// <summary>W then b, each uniform in ±1/√in.</summary>
    public override void Initialize(SplitMix64 random)
    {
        float bound = 1 / MathF.Sqrt(inputs);
        foreach (var p in Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)((2 * random.NextDouble() - 1) * bound);
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int rows = batch * rowsPerExample;
        Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, new ReadOnlyMatrixSpan<float>(input, rows, inputs),
            new ReadOnlyMatrixSpan<float>(Weight.Value, outputs, inputs), 0f, new MatrixSpan<float>(output, rows, outputs));
        if (Bias is null) return;
        ReadOnlySpan<float> b = Bias.Value;
        for (int r = 0; r < rows; r++)
        {
            var row = output.Slice(r * outputs, outputs);
            TensorPrimitives.Add(row, b, row);
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int rows = batch * rowsPerExample;
        var dy = new ReadOnlyMatrixSpan<float>(outputGradient, rows, outputs);
        Gemm.Multiply(Transpose.Transposed, Transpose.None, 1f, dy, new ReadOnlyMatrixSpan<float>(input, rows, inputs), 0f,
            new MatrixSpan<float>(Weight.Gradient, outputs, inputs));
        if (Bias is not null)
        {
            Span<float> db = Bias.Gradient;
            db.Clear();
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(db, outputGradient.Slice(r * outputs, outputs), db);
        }
        if (inputGradient.IsEmpty) return;
        Gemm.Multiply(Transpose.None, Transpose.None, 1f, dy, new ReadOnlyMatrixSpan<float>(Weight.Value, outputs, inputs), 0f,
            new MatrixSpan<float>(inputGradient, rows, inputs));
    }
}
