using Steepest.Norms;

namespace Steepest.Optimizers;

/// <summary>The catalogue's optimizers: one entry each, in the order the commands list them.</summary>
internal static class OptimizerEntries
{
    private const ConvergenceFamily Gradient = ConvergenceFamily.Gradient, Adaptive = ConvergenceFamily.Adaptive, Other = ConvergenceFamily.Other;
    private const AutomaticStep Decaying = AutomaticStep.SignScaledDecaying;

    /// <summary>Every entry.</summary>
    public static OptimizerEntry[] All =>
    [
        new("sgd", 1e-3, Gradient, a => Recipes.Sgd(a.LearningRate, a.WeightDecay(0), a.Schedule)),
        new("momentum", 1e-2, Gradient, a => Recipes.Momentum(a.LearningRate, a.Momentum, a.WeightDecay(0), a.Schedule, a.StatePrecision))
            { DefaultMomentum = 0.9, HeavyBall = true, CompressibleState = true },
        new("nesterov", 1e-2, Gradient, a => Recipes.Nesterov(a.LearningRate, a.Momentum, a.WeightDecay(0), a.Schedule, a.StatePrecision))
            { DefaultMomentum = 0.9, HeavyBall = true, CompressibleState = true },
        new("sign-sgd", 1e-3, Adaptive, a => Recipes.SignSgd(a.LearningRate, a.WeightDecay(0), a.Schedule)) { AutomaticStep = Decaying },
        new("signum", 1e-3, Adaptive, a => Recipes.Signum(a.LearningRate, a.Momentum, a.WeightDecay(0), a.Schedule, a.StatePrecision))
            { DefaultMomentum = 0.9, AutomaticStep = Decaying, CompressibleState = true },
        new("lion", 1e-4, Adaptive, a => Recipes.Lion(a.LearningRate, 0.9, 0.99, a.WeightDecay(0), a.Schedule, a.StatePrecision))
            { AutomaticStep = Decaying, CompressibleState = true },
        new("adam", 1e-3, Adaptive, a => Recipes.Adam(a.LearningRate, 0.9, 0.999, 1e-8, a.WeightDecay(0), a.Schedule, a.StatePrecision))
            { AutomaticStep = Decaying, CompressibleState = true },
        new("adamw", 1e-3, Adaptive, a => Recipes.AdamW(a.LearningRate, 0.9, 0.999, 1e-8, a.WeightDecay(0.01), a.Schedule, a.StatePrecision))
            { AutomaticStep = Decaying, CompressibleState = true },
        new("adagrad", 1e-2, Adaptive, a => Recipes.Adagrad(a.LearningRate, 1e-10, a.Schedule)) { AutomaticStep = AutomaticStep.SignScaledConstant },
        new("rmsprop", 1e-2, Adaptive, a => Recipes.RmsProp(a.LearningRate, 0.99, 1e-8, a.Schedule)) { AutomaticStep = Decaying },
        new("epoch-adam", 1e-2, Adaptive, a => Recipes.EpochAdam(a.LearningRate, schedule: a.Schedule)) { AutomaticStep = Decaying },
        new("muon", 0.02, Other, Muon) { DefaultMomentum = 0.95, CompressibleState = true, RoutesByRole = true },
        new("steepest:NORM", 1e-2, Other, _ => throw new InvalidOperationException("steepest:NORM is built for one norm"))
            { Specialize = Steepest, MissingParameter = "'steepest' needs a norm, e.g. steepest:linf or steepest:spectral" },
        new("steepest:modular", 0.1, Other, Modular) { DefaultMomentum = 0.9 },
    ];

    private static GradientTransform Muon(RecipeArguments a)
    {
        double adamRate = a.Settings.AuxiliaryLearningRate ?? 3e-4;
        return Recipes.Muon(a.LearningRate, a.Momentum, weightDecay: a.WeightDecay(0), adamLearningRate: adamRate,
            useMuon: a.Settings.MuonOnInputLayer ? Recipes.IsWeightMatrix : null,
            schedule: a.Schedule,
            adamSchedule: a.ScheduleAt(adamRate, "adamLearningRate"),
            statePrecision: a.StatePrecision);
    }

    private static GradientTransform Modular(RecipeArguments a) =>
        Recipes.Modular(a.Settings.ModelNorm ?? throw new ArgumentException("steepest:modular needs a model: its norm is built from the model's modules (train and sweep supply it)"),
            a.LearningRate, a.Momentum, weightDecay: a.WeightDecay(0), schedule: a.Schedule);

    /// <summary>
    /// Steepest descent in one catalogue norm. The norm says which limit the lab can predict: ℓ2-like steps are gradient
    /// steps, ℓ∞ steps are sign steps, and a weighted norm is a fixed preconditioner.
    /// </summary>
    private static OptimizerEntry Steepest(string normName)
    {
        var normEntry = NormRegistry.Default.Find(normName);
        if (normEntry is { TakesWeights: true })
            return new($"steepest:{normName}", 1e-2, ConvergenceFamily.Preconditioned, a => Weighted(normEntry, normName, a)) { TakesWeights = true };
        var probe = NormCatalogue.Parse(normName, 1, 1); // an unknown norm fails here, when the name is read
        // RmsOperatorNorm derives from SpectralNorm, but its step is rescaled by the shape, which the lab's 1/L rule does not cover.
        var family = probe is RmsOperatorNorm ? Other : probe is L2Norm or FrobeniusNorm or SpectralNorm ? Gradient : probe is LInfinityNorm ? Adaptive : Other;
        Func<int, double> radius = probe switch
        {
            LInfinityNorm => d => d,
            LpNorm lp => d => Math.Pow(d, Math.Max(0, 1 - 2 / lp.P)),
            RmsOperatorNorm => d => 1.0 / d,
            _ => _ => 1,
        };
        return new($"steepest:{normName}", 1e-2, family, a => Recipes.NormSteepest(normName, a.LearningRate, a.Schedule)) { SquaredStepRadius = radius };
    }

    /// <summary>A norm built from weights: the same weighted norm for every parameter, or, without weights, the catalogue's refusal.</summary>
    private static GradientTransform Weighted(NormEntry normEntry, string normName, RecipeArguments a)
    {
        if (a.Settings.NormWeights is not { } weights) return Recipes.NormSteepest(normName, a.LearningRate, a.Schedule);
        var norm = normEntry.Create(new NormArguments(1, weights.Length, weights, "", normName));
        return Recipes.NormSteepest(normName, _ => norm, a.LearningRate, a.Schedule);
    }
}
