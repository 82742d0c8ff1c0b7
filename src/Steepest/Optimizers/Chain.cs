namespace Steepest.Optimizers;

/// <summary>Composition: applies the transforms in order; its state is the list of their states.</summary>
public sealed class Chain : GradientTransform<ChainState>
{
    /// <summary>Chains the given transforms (nested chains are flattened).</summary>
    public Chain(params GradientTransform[] transforms)
    {
        Transforms = transforms.SelectMany(t => t is Chain c ? c.Transforms : [t]).ToArray();
    }

    /// <summary>The transforms, in application order.</summary>
    public IReadOnlyList<GradientTransform> Transforms { get; }

    /// <inheritdoc/>
    public override string Name => "chain(" + string.Join(", ", Transforms.Select(t => t.Name)) + ")";

    /// <inheritdoc/>
    protected override ChainState CreateState(IReadOnlyList<Parameter> parameters) =>
        new ChainState(Transforms.Select(t => t.Init(parameters)).ToArray());

    /// <inheritdoc/>
    public override void Update(UpdateContext context, ChainState state)
    {
        var states = state.States;
        for (int i = 0; i < Transforms.Count; i++) Transforms[i].Update(context, states[i]);
    }
}
