using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A multilayer perceptron with softmax cross-entropy: Zₗ = Aₗ₋₁·Wₗᵀ + bₗ, Aₗ = φ(Zₗ) for hidden layers, logits Z_L.
/// Weights are out×in (as a Linear layer's), initialized like PyTorch's default, U(−1/√fan_in, 1/√fan_in), from a seed.
/// Forward and backward run on the library's SGEMM. With two widths it is softmax regression.
/// </summary>
public sealed class Mlp
{
    private readonly Parameter[] weights;
    private readonly Parameter[] biases;

    /// <summary>Builds and initializes the model deterministically from <paramref name="seed"/>.</summary>
    public Mlp(ModelSpec spec, ulong seed)
    {
        Spec = spec;
        int layers = spec.Widths.Length - 1;
        weights = new Parameter[layers];
        biases = new Parameter[layers];
        var random = new SplitMix64(seed);
        for (int l = 0; l < layers; l++)
        {
            int fanIn = spec.Widths[l], fanOut = spec.Widths[l + 1];
            var role = l == layers - 1 ? ParameterRole.OutputWeight : l == 0 ? ParameterRole.InputWeight : ParameterRole.HiddenWeight;
            weights[l] = new Parameter($"layer{l + 1}.weight", [fanOut, fanIn], role);
            biases[l] = new Parameter($"layer{l + 1}.bias", [fanOut], ParameterRole.Bias);
            float bound = 1 / MathF.Sqrt(fanIn);
            foreach (var p in (Parameter[])[weights[l], biases[l]])
                for (int i = 0; i < p.Length; i++) p.Value[i] = (float)((2 * random.NextDouble() - 1) * bound);
        }
        Parameters = weights.Zip(biases).SelectMany(pair => new[] { pair.First, pair.Second }).ToArray();
    }

    /// <summary>The architecture.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Weights and biases, layer by layer (weight then bias).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Total number of parameter values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    private int Layers => weights.Length;

    /// <summary>
    /// Forward and backward on a batch: returns Σ losses and the number of correct predictions, and overwrites every
    /// parameter gradient with <paramref name="gradientScale"/>·∇(Σ losses) (use 1/batch for the mean loss).
    /// </summary>
    public (double LossSum, int Correct) LossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> labels, float gradientScale, MlpWorkspace workspace)
    {
        int batch = labels.Length;
        var (loss, correct) = Forward(inputs, labels, workspace, computeGradient: true, gradientScale);
        for (int l = Layers - 1; l >= 0; l--)
        {
            int fanIn = Spec.Widths[l], fanOut = Spec.Widths[l + 1];
            var dz = new ReadOnlyMatrixSpan<float>(workspace.Gradient[l + 1], batch, fanOut);
            ReadOnlySpan<float> previous = l == 0 ? inputs : workspace.Activations[l - 1];
            // dW = dZᵀ·A_{l−1}; db = Σ_batch dZ.
            Gemm.Multiply(Transpose.Transposed, Transpose.None, 1f, dz, new ReadOnlyMatrixSpan<float>(previous[..(batch * fanIn)], batch, fanIn), 0f,
                new MatrixSpan<float>(weights[l].Gradient, fanOut, fanIn));
            Span<float> db = biases[l].Gradient;
            db.Clear();
            for (int b = 0; b < batch; b++) TensorPrimitives.Add(db, workspace.Gradient[l + 1].AsSpan(b * fanOut, fanOut), db);
            if (l == 0) break;
            // dA_{l−1} = dZ·W, then dZ_{l−1} = dA_{l−1} ∘ φ'(Z_{l−1}).
            var da = workspace.Gradient[l].AsSpan(0, batch * fanIn);
            Gemm.Multiply(Transpose.None, Transpose.None, 1f, dz, new ReadOnlyMatrixSpan<float>(weights[l].Value, fanOut, fanIn), 0f, new MatrixSpan<float>(da, batch, fanIn));
            ActivationGradient(workspace.PreActivations[l - 1].AsSpan(0, batch * fanIn), da);
        }
        return (loss, correct);
    }

    /// <summary>Forward only: Σ losses and correct predictions (for evaluation).</summary>
    public (double LossSum, int Correct) Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> labels, MlpWorkspace workspace) =>
        Forward(inputs, labels, workspace, computeGradient: false, 0f);

    /// <summary>Writes the logits of a batch (batch×classes) into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<float> inputs, int batch, MlpWorkspace workspace, Span<float> logits)
    {
        ForwardLayers(inputs, batch, workspace);
        workspace.PreActivations[Layers - 1].AsSpan(0, batch * Spec.Widths[^1]).CopyTo(logits);
    }

    private (double LossSum, int Correct) Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> labels, MlpWorkspace workspace, bool computeGradient, float scale)
    {
        int batch = labels.Length;
        if (batch < 1 || batch > workspace.Batch) throw new ArgumentException($"batch of {batch} does not fit a workspace for {workspace.Batch}");
        if (inputs.Length < batch * Spec.Widths[0]) throw new ArgumentException($"{inputs.Length} inputs for a batch of {batch}×{Spec.Widths[0]}");
        ForwardLayers(inputs, batch, workspace);
        int classes = Spec.Widths[^1];
        var logits = workspace.PreActivations[Layers - 1];
        var dlogits = workspace.Gradient[Layers];
        double loss = 0;
        int correct = 0;
        for (int b = 0; b < batch; b++)
        {
            var z = logits.AsSpan(b * classes, classes);
            int label = labels[b];
            // Stable log-softmax: log p_y = z_y − (m + log Σ exp(z − m)).
            float max = TensorPrimitives.Max(z);
            double sum = 0;
            foreach (float value in z) sum += Math.Exp(value - max);
            double logSum = max + Math.Log(sum);
            loss += logSum - z[label];
            if (TensorPrimitives.IndexOfMax(z) == label) correct++;
            if (!computeGradient) continue;
            var dz = dlogits.AsSpan(b * classes, classes);
            for (int c = 0; c < classes; c++) dz[c] = (float)(Math.Exp(z[c] - logSum) * scale);
            dz[label] -= scale;
        }
        return (loss, correct);
    }

    private void ForwardLayers(ReadOnlySpan<float> inputs, int batch, MlpWorkspace workspace)
    {
        for (int l = 0; l < Layers; l++)
        {
            int fanIn = Spec.Widths[l], fanOut = Spec.Widths[l + 1];
            ReadOnlySpan<float> previous = l == 0 ? inputs[..(batch * fanIn)] : workspace.Activations[l - 1].AsSpan(0, batch * fanIn);
            var z = workspace.PreActivations[l].AsSpan(0, batch * fanOut);
            Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, new ReadOnlyMatrixSpan<float>(previous, batch, fanIn),
                new ReadOnlyMatrixSpan<float>(weights[l].Value, fanOut, fanIn), 0f, new MatrixSpan<float>(z, batch, fanOut));
            for (int b = 0; b < batch; b++) TensorPrimitives.Add(z.Slice(b * fanOut, fanOut), biases[l].Value, z.Slice(b * fanOut, fanOut));
            if (l < Layers - 1) ApplyActivation(z, workspace.Activations[l].AsSpan(0, batch * fanOut));
        }
    }

    private void ApplyActivation(ReadOnlySpan<float> z, Span<float> a)
    {
        if (Spec.Activation == Activation.Relu) { TensorPrimitives.Max(z, 0f, a); return; }
        for (int i = 0; i < z.Length; i++) a[i] = z[i] * Phi(z[i]);
    }

    /// <summary>da ← da ∘ φ'(z).</summary>
    private void ActivationGradient(ReadOnlySpan<float> z, Span<float> da)
    {
        if (Spec.Activation == Activation.Relu)
        {
            for (int i = 0; i < z.Length; i++) if (!(z[i] > 0)) da[i] = 0;
            return;
        }
        // d/dx [x·Φ(x)] = Φ(x) + x·φ(x).
        for (int i = 0; i < z.Length; i++)
        {
            float x = z[i];
            da[i] *= Phi(x) + x * MathF.Exp(-0.5f * x * x) * 0.3989422804f;
        }
    }

    /// <summary>Φ(x) = ½(1 + erf(x/√2)).</summary>
    private static float Phi(float x) => 0.5f * (1 + Erf(x * 0.70710678f));

    /// <summary>erf by Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7, under fp32 resolution here).</summary>
    private static float Erf(float x)
    {
        float sign = x < 0 ? -1 : 1, a = MathF.Abs(x); // not MathF.Sign: it throws on NaN, which must reach the loss check
        float t = 1 / (1 + 0.3275911f * a);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        return sign * (1 - poly * MathF.Exp(-a * a));
    }
}
