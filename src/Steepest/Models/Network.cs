using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A trainable model: a body (any <see cref="Module"/>) that maps each example to logits, and the softmax
/// cross-entropy head that scores them against one target per logit row. It owns its buffers: <see cref="Allocate"/>
/// sizes them once for the largest batch, and every pass after that allocates nothing.
/// </summary>
public sealed class Network
{
    private float[] logits = [], logitGradient = [];

    /// <summary>Puts the loss head on <paramref name="body"/>, whose output's last axis is the classes.</summary>
    public Network(string description, Module body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Body = body ?? throw new ArgumentNullException(nameof(body));
        Description = description;
        Loss = new SoftmaxCrossEntropy(body.OutputShape[^1]);
        TargetsPerExample = body.OutputSize / Loss.Classes;
        var names = new HashSet<string>();
        foreach (var p in body.Parameters)
            if (!names.Add(p.Name)) throw new ArgumentException($"parameter name '{p.Name}' is used twice");
    }

    /// <summary>The spec it was built from, e.g. "cnn:32-64".</summary>
    public string Description { get; }

    /// <summary>Everything before the loss.</summary>
    public Module Body { get; }

    /// <summary>The loss head.</summary>
    public SoftmaxCrossEntropy Loss { get; }

    /// <summary>Every parameter, in the body's order.</summary>
    public IReadOnlyList<Parameter> Parameters => Body.Parameters;

    /// <summary>The body's modular norm over <see cref="Parameters"/> (see <see cref="Module.ModularNorm"/>).</summary>
    public Norms.MaxCombinationNorm ModularNorm() => Body.ModularNorm();

    /// <summary>Total number of parameter values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Values per input example.</summary>
    public int InputSize => Body.InputSize;

    /// <summary>Targets per example: 1 for classification, the context length for next-token prediction.</summary>
    public int TargetsPerExample { get; }

    /// <summary>The largest batch the buffers hold.</summary>
    public int Capacity => Body.Capacity;

    /// <summary>Sizes every buffer for batches of up to <paramref name="batch"/> examples (nothing when they already fit).</summary>
    public void Allocate(int batch)
    {
        if (batch <= Capacity) return;
        Body.Allocate(batch);
        logits = new float[(long)batch * Body.OutputSize];
        logitGradient = new float[(long)batch * Body.OutputSize];
    }

    /// <summary>
    /// Forward and backward on <paramref name="batch"/> examples: returns Σ losses over all targets and how many were
    /// predicted right, and overwrites every parameter gradient with <paramref name="gradientScale"/>·∇(Σ losses).
    /// </summary>
    public (double LossSum, int Correct) LossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batch, float gradientScale)
    {
        var z = Run(inputs, targets, batch);
        var dz = logitGradient.AsSpan(0, z.Length);
        var result = Loss.Compute(z, targets[..(batch * TargetsPerExample)], dz, gradientScale);
        Body.Backward(inputs, z, dz, [], batch);
        return result;
    }

    /// <summary>Forward only: Σ losses and correct predictions.</summary>
    public (double LossSum, int Correct) Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batch)
    {
        var z = Run(inputs, targets, batch);
        return Loss.Compute(z, targets[..(batch * TargetsPerExample)], [], 0f);
    }

    /// <summary>The logits of <paramref name="batch"/> examples (valid until the next pass).</summary>
    public ReadOnlySpan<float> Logits(ReadOnlySpan<float> inputs, int batch)
    {
        Body.Forward(inputs, logits, batch);
        return logits.AsSpan(0, batch * Body.OutputSize);
    }

    /// <summary>Draws every parameter from <paramref name="random"/> in the body's order.</summary>
    public void Initialize(SplitMix64 random) => Body.Initialize(random);

    /// <inheritdoc/>
    public override string ToString() => Description;

    private Span<float> Run(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batch)
    {
        if (targets.Length < batch * TargetsPerExample) throw new ArgumentException($"{targets.Length} targets for {batch} examples of {TargetsPerExample}");
        Body.Forward(inputs, logits, batch);
        return logits.AsSpan(0, batch * Body.OutputSize);
    }
}
