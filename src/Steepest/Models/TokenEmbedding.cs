using Steepest.Norms;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// y[t] = E[id_t]: looks up one D-wide row of the vocabulary×D table per token. The input holds token ids as floats
/// (exact below 2²⁴); an id that is not an integer in [0, vocabulary) is an error. Initialized like nn.Embedding,
/// N(0, 1). ∂E[v] = Σ over positions holding v of ∂y[t]; the ids get no gradient (zeros when one is asked for).
/// </summary>
public sealed class TokenEmbedding : Module
{
    private readonly int vocabulary, dimension, context;

    /// <summary>A table for <paramref name="vocabulary"/> tokens of width <paramref name="dimension"/>, over sequences of <paramref name="context"/> tokens.</summary>
    public TokenEmbedding(string name, int vocabulary, int dimension, int context) : base(name, [context], [context, dimension])
    {
        (this.vocabulary, this.dimension, this.context) = (vocabulary, dimension, context);
        Weight = new Parameter($"{name}.weight", [vocabulary, dimension], ParameterKind.Embedding, isInputLayer: true);
        Parameters = [Weight];
    }

    /// <summary>Number of tokens.</summary>
    public int Vocabulary => vocabulary;

    /// <summary>E, vocabulary×D.</summary>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The ℓ∞ norm over tokens of each row's RMS, maxᵢ ‖Eᵢ‖₂/√width.</summary>
    protected override IReadOnlyList<Norm> OwnNorms => [new RowRmsNorm(Weight.Rows, Weight.Columns)];

    /// <summary>E ~ N(0, 1).</summary>
    public override void Initialize(SplitMix64 random)
    {
        for (int i = 0; i < Weight.Length; i++) Weight.Value[i] = (float)random.NextGaussian();
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int i = 0; i < batch * context; i++)
            Weight.Value.AsSpan(Id(input[i]) * dimension, dimension).CopyTo(output.Slice(i * dimension, dimension));
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        Span<float> dE = Weight.Gradient;
        dE.Clear();
        for (int i = 0; i < batch * context; i++)
        {
            var row = dE.Slice(Id(input[i]) * dimension, dimension);
            System.Numerics.Tensors.TensorPrimitives.Add(row, outputGradient.Slice(i * dimension, dimension), row);
        }
        inputGradient.Clear();
    }

    private int Id(float value)
    {
        int id = (int)value;
        if (id != value || (uint)id >= (uint)vocabulary) throw new ArgumentException($"{Name}: token id {value} is not an integer in [0, {vocabulary})");
        return id;
    }
}
