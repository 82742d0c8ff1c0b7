using Steepest.Norms;

namespace Steepest.Optimizers.Transforms;

/// <summary>
/// u ← ‖u‖*·Dualize(u) for a norm chosen per parameter: the steepest direction of problem 1, so that with
/// scale_by_learning_rate(η) the step is −η·‖g‖*·Dualize(g) = SteepestStep(g, 2η). Computed in double.
/// </summary>
public sealed class ScaleBySteepestDirection : GradientTransform<SteepestDirectionState>
{
    private readonly Func<Parameter, Norm> normFor;

    /// <summary>Uses <paramref name="normFor"/> to pick each parameter's norm.</summary>
    public ScaleBySteepestDirection(string description, Func<Parameter, Norm> normFor)
    {
        Description = description;
        this.normFor = normFor ?? throw new ArgumentNullException(nameof(normFor));
    }

    /// <summary>A catalogue norm by name (l2, linf, l1, lp:P, frobenius, spectral, rms) for every parameter; vectors are 1×n.</summary>
    public static ScaleBySteepestDirection FromCatalogue(string name)
    {
        NormCatalogue.Parse(name, 1, 1); // fail now, not at the first step, for an unknown name
        if (NormRegistry.Default.Find(name) is { TakesWeights: true } entry)
            throw new ArgumentException($"the '{entry.Name}' norm needs weights per parameter; build it with the Func<Parameter, Norm> constructor");
        return new ScaleBySteepestDirection(name, p => NormCatalogue.Parse(name, p.Rows, p.Columns));
    }

    /// <summary>What norm this is, e.g. "linf".</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string Name => $"scale_by_steepest_direction({Description})";

    /// <inheritdoc/>
    protected override SteepestDirectionState CreateState(IReadOnlyList<Parameter> parameters) => new(parameters.Select(normFor).ToArray(), parameters);

    /// <inheritdoc/>
    public override void Update(UpdateContext context, SteepestDirectionState s)
    {
        for (int i = 0; i < context.Updates.Count; i++)
        {
            float[] u = context.Updates[i];
            double[] g = s.Gradient[i], t = s.Direction[i];
            for (int j = 0; j < u.Length; j++) g[j] = u[j];
            // SteepestStep(g, 2) = −‖g‖*·Dualize(g): minus the ascent direction with the dual-norm length.
            s.ForParameter[i].SteepestStep(g, 2, t);
            for (int j = 0; j < u.Length; j++) u[j] = (float)-t[j];
        }
    }
}
