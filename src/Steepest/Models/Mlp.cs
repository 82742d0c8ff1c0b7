using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A multilayer perceptron with softmax cross-entropy, as a composition of the model layers: Zₗ = Aₗ₋₁·Wₗᵀ + bₗ,
/// Aₗ = φ(Zₗ) for hidden layers, logits Z_L. Weights are out×in, initialized like PyTorch's default,
/// U(−1/√fan_in, 1/√fan_in), from a seed. With two widths it is softmax regression. This class keeps the
/// byte-label interface of the first MLP; <see cref="Network"/> is the model itself.
/// </summary>
public sealed class Mlp
{
    /// <summary>Builds and initializes the model deterministically from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is not an MLP.</exception>
    public Mlp(ModelSpec spec, ulong seed)
    {
        Spec = spec as MlpSpec ?? throw new ArgumentException($"'{spec}' is not an MLP spec");
        Network = spec.Build(seed);
    }

    /// <summary>The architecture.</summary>
    public MlpSpec Spec { get; }

    /// <summary>The layers and the loss head.</summary>
    public Network Network { get; }

    /// <summary>Weights and biases, layer by layer (weight then bias).</summary>
    public IReadOnlyList<Parameter> Parameters => Network.Parameters;

    /// <summary>Total number of parameter values.</summary>
    public long ParameterCount => Network.ParameterCount;

    /// <summary>
    /// Forward and backward on a batch: returns Σ losses and the number of correct predictions, and overwrites every
    /// parameter gradient with <paramref name="gradientScale"/>·∇(Σ losses) (use 1/batch for the mean loss).
    /// </summary>
    public (double LossSum, int Correct) LossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> labels, float gradientScale, MlpWorkspace workspace) =>
        Network.LossAndGradients(inputs, Targets(labels, workspace), labels.Length, gradientScale);

    /// <summary>Forward only: Σ losses and correct predictions (for evaluation).</summary>
    public (double LossSum, int Correct) Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> labels, MlpWorkspace workspace) =>
        Network.Evaluate(inputs, Targets(labels, workspace), labels.Length);

    /// <summary>Writes the logits of a batch (batch×classes) into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<float> inputs, int batch, MlpWorkspace workspace, Span<float> logits)
    {
        Check(batch, workspace);
        Network.Logits(inputs, batch).CopyTo(logits);
    }

    private ReadOnlySpan<int> Targets(ReadOnlySpan<byte> labels, MlpWorkspace workspace)
    {
        Check(labels.Length, workspace);
        var targets = workspace.Labels.AsSpan(0, labels.Length);
        for (int i = 0; i < labels.Length; i++) targets[i] = labels[i];
        return targets;
    }

    private void Check(int batch, MlpWorkspace workspace)
    {
        if (batch < 1 || batch > workspace.Batch) throw new ArgumentException($"batch of {batch} does not fit a workspace for {workspace.Batch}");
        Network.Allocate(workspace.Batch);
    }
}
