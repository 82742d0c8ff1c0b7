namespace Steepest.Optimizers.Transforms;

/// <summary>
/// Routing by parameter (optax's multi_transform): each parameter gets a label, and each label's transform runs on
/// that label's parameters only, with its own state (e.g. Muon for 2-D hidden weights, AdamW for the rest).
/// </summary>
public sealed class Partition : GradientTransform<PartitionState>
{
    /// <summary>Routes each parameter to the transform of its label.</summary>
    public Partition(Func<Parameter, string> label, IReadOnlyDictionary<string, GradientTransform> transforms)
    {
        Label = label ?? throw new ArgumentNullException(nameof(label));
        Transforms = transforms ?? throw new ArgumentNullException(nameof(transforms));
    }

    /// <summary>The labelling function.</summary>
    public Func<Parameter, string> Label { get; }

    /// <summary>The transform per label.</summary>
    public IReadOnlyDictionary<string, GradientTransform> Transforms { get; }

    /// <inheritdoc/>
    public override string Name => "partition(" + string.Join(", ", Transforms.Select(kv => $"{kv.Key}: {kv.Value.Name}")) + ")";

    /// <summary>Which parameter indices each label owns, in parameter order.</summary>
    public IReadOnlyList<(string Label, int[] Indices)> Groups(IReadOnlyList<Parameter> parameters)
    {
        var labels = parameters.Select(Label).ToArray();
        foreach (string label in labels.Distinct())
            if (!Transforms.ContainsKey(label)) throw new ArgumentException($"no transform for label '{label}'");
        return Transforms.Keys
            .Select(label => (label, Enumerable.Range(0, parameters.Count).Where(i => labels[i] == label).ToArray()))
            .Where(g => g.Item2.Length > 0).ToArray();
    }

    /// <inheritdoc/>
    protected override PartitionState CreateState(IReadOnlyList<Parameter> parameters)
    {
        var groups = Groups(parameters);
        return new PartitionState(groups.Select(g => (g.Label, g.Indices, Transforms[g.Label].Init(g.Indices.Select(i => parameters[i]).ToArray()))).ToArray());
    }

    /// <inheritdoc/>
    public override void Update(UpdateContext context, PartitionState s)
    {
        foreach (var (label, indices, child) in s.Groups)
        {
            var sub = new UpdateContext(indices.Select(i => context.Parameters[i]).ToArray(), indices.Select(i => context.Updates[i]).ToArray()) { Epoch = context.Epoch };
            Transforms[label].Update(sub, child);
        }
    }
}
