using Steepest.Norms;
using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Transforms;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers;

/// <summary>
/// The familiar optimizers as chains of transforms, with the defaults of PyTorch and the papers. A schedule, when
/// given, replaces the constant learning rate. Under <see cref="Optimizer"/> each chain tail runs as one fused kernel.
/// </summary>
public static class Recipes
{
    // Every recipe checks its own arguments under its own names; the transforms check theirs again under theirs.
    private static ScaleByLearningRate Rate(double learningRate, LearningRateSchedule? schedule)
    {
        Hyperparameter.Positive(learningRate, nameof(learningRate));
        return new(schedule ?? LearningRateSchedule.Constant(learningRate));
    }

    private static Chain Chain(params GradientTransform?[] transforms) => new(transforms.Where(t => t is not null).ToArray()!);

    private static AddDecayedWeights? Decay(double weightDecay) => weightDecay == 0 ? null : new AddDecayedWeights(weightDecay);

    /// <summary>θ ← θ − η(g + λθ) (PyTorch SGD: lr 1e-3).</summary>
    public static GradientTransform Sgd(double learningRate = 1e-3, double weightDecay = 0, LearningRateSchedule? schedule = null) =>
        Chain(Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>Heavy ball: m ← μm + g + λθ, θ ← θ − ηm (PyTorch SGD with momentum 0.9); m stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform Momentum(double learningRate = 1e-2, double momentum = 0.9, double weightDecay = 0, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(Decay(weightDecay), new Trace(Hyperparameter.Decay(momentum, nameof(momentum)), precision: statePrecision), Rate(learningRate, schedule));

    /// <summary>Nesterov momentum: m ← μm + g', θ ← θ − η(g' + μm) with g' = g + λθ; m stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform Nesterov(double learningRate = 1e-2, double momentum = 0.9, double weightDecay = 0, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(Decay(weightDecay), new Trace(Hyperparameter.Decay(momentum, nameof(momentum)), nesterov: true, statePrecision), Rate(learningRate, schedule));

    /// <summary>signSGD (Bernstein et al. 2018): θ ← θ − η(sign(g) + λθ).</summary>
    public static GradientTransform SignSgd(double learningRate = 1e-3, double weightDecay = 0, LearningRateSchedule? schedule = null) =>
        Chain(new ScaleBySign(), Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>Signum: m ← βm + (1−β)g, θ ← θ − η(sign(m) + λθ), β = 0.9; m stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform Signum(double learningRate = 1e-3, double beta = 0.9, double weightDecay = 0, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(new EmaMomentum(beta, precision: statePrecision), new ScaleBySign(), Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>Lion (Chen et al. 2023): lr 1e-4, β = (0.9, 0.99), decoupled weight decay; m stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform Lion(double learningRate = 1e-4, double beta1 = 0.9, double beta2 = 0.99, double weightDecay = 0, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(new ScaleByLion(beta1, beta2, statePrecision), Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>Adam (PyTorch defaults: lr 1e-3, β = (0.9, 0.999), ε = 1e-8); weight decay is PyTorch's L2 term added to g; m and v stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(Decay(weightDecay), new ScaleByAdam(beta1, beta2, epsilon, statePrecision), Rate(learningRate, schedule));

    /// <summary>AdamW (Loshchilov &amp; Hutter 2019; PyTorch defaults: lr 1e-3, weight decay 0.01, decoupled); m and v stored in <paramref name="statePrecision"/>.</summary>
    public static GradientTransform AdamW(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01, LearningRateSchedule? schedule = null,
        StatePrecision statePrecision = StatePrecision.Fp32) =>
        Chain(new ScaleByAdam(beta1, beta2, epsilon, statePrecision), Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>Adagrad (PyTorch defaults: lr 1e-2, ε = 1e-10).</summary>
    public static GradientTransform Adagrad(double learningRate = 1e-2, double epsilon = 1e-10, LearningRateSchedule? schedule = null) =>
        Chain(new ScaleByAdagrad(epsilon), Rate(learningRate, schedule));

    /// <summary>RMSProp (PyTorch defaults: lr 1e-2, α = 0.99, ε = 1e-8).</summary>
    public static GradientTransform RmsProp(double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8, LearningRateSchedule? schedule = null) =>
        Chain(new ScaleByRms(alpha, epsilon), Rate(learningRate, schedule));

    /// <summary>The simplified Adam of problem 2(b): θ ← θ − η·M·g, M = diag(1/√(mean g² over the epoch)), zero-guarded.</summary>
    public static GradientTransform EpochAdam(double learningRate = 1e-2, EpochStatistics statistics = EpochStatistics.CurrentEpoch, double epsilon = 0, LearningRateSchedule? schedule = null) =>
        Chain(new ScaleByEpochPreconditioner(statistics, epsilon), Rate(learningRate, schedule));

    /// <summary>The steepest step of any catalogue norm: θ ← θ − η·‖g‖*·Dualize(g) (problem 1 as an optimizer).</summary>
    public static GradientTransform NormSteepest(string norm, double learningRate = 1e-2, LearningRateSchedule? schedule = null) =>
        Chain(ScaleBySteepestDirection.FromCatalogue(norm), Rate(learningRate, schedule));

    /// <summary>The steepest step of a norm chosen per parameter.</summary>
    public static GradientTransform NormSteepest(string description, Func<Parameter, Norm> normFor, double learningRate = 1e-2, LearningRateSchedule? schedule = null) =>
        Chain(new ScaleBySteepestDirection(description, normFor), Rate(learningRate, schedule));

    /// <summary>
    /// Steepest descent under a model's modular norm (Large et al. 2024): m ← βm + (1−β)g, θ ← θ − η·‖m‖*·Dualize(m)
    /// (see <see cref="ScaleByModularDirection"/>), with momentum β = 0.9 first; lr 0.1.
    /// </summary>
    public static GradientTransform Modular(MaxCombinationNorm norm, double learningRate = 0.1, double momentum = 0.9, int steps = 5,
        bool exact = false, double weightDecay = 0, LearningRateSchedule? schedule = null) =>
        Chain(Hyperparameter.Decay(momentum, nameof(momentum)) == 0 ? null : new EmaMomentum(momentum), new ScaleByModularDirection(norm, steps, exact), Decay(weightDecay), Rate(learningRate, schedule));

    /// <summary>The default Muon routing: weights of linear and conv layers inside the network (not the input layer, embeddings or the head).</summary>
    public static bool IsHiddenMatrix(Parameter parameter) => IsWeightMatrix(parameter) && !parameter.IsInputLayer;

    /// <summary>Weights of linear and conv layers, the input layer included (Muon with --muon-input).</summary>
    public static bool IsWeightMatrix(Parameter parameter) => parameter.IsMatrix && parameter.Kind is ParameterKind.Linear or ParameterKind.Conv;

    /// <summary>
    /// Muon (Jordan et al. 2024) on the parameters <paramref name="useMuon"/> selects (default: 2-D hidden weights):
    /// m ← βm + (1−β)g, u = Nesterov ? (1−β)g + βm : m, u ← NewtonSchulz₅(u)·√max(1, rows/cols), θ ← θ − η(u + λθ),
    /// with lr 0.02 and β = 0.95; every other parameter gets the auxiliary AdamW (lr 3e-4, β = (0.9, 0.95)). The Muon
    /// momentum and the AdamW moments are stored in <paramref name="statePrecision"/>.
    /// </summary>
    public static GradientTransform Muon(double learningRate = 0.02, double momentum = 0.95, bool nesterov = true, int steps = 5,
        double weightDecay = 0, double adamLearningRate = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamWeightDecay = 0,
        Func<Parameter, bool>? useMuon = null, LearningRateSchedule? schedule = null, LearningRateSchedule? adamSchedule = null, bool exact = false,
        StatePrecision statePrecision = StatePrecision.Fp32)
    {
        useMuon ??= IsHiddenMatrix;
        var muon = Chain(new EmaMomentum(Hyperparameter.Decay(momentum, nameof(momentum)), nesterov, statePrecision), new Orthogonalize(steps, exact), Decay(weightDecay), Rate(learningRate, schedule));
        var adam = AdamW(Hyperparameter.Positive(adamLearningRate, nameof(adamLearningRate)), Hyperparameter.Decay(adamBeta1, nameof(adamBeta1)),
            Hyperparameter.Decay(adamBeta2, nameof(adamBeta2)), 1e-8, Hyperparameter.NonNegative(adamWeightDecay, nameof(adamWeightDecay)), adamSchedule, statePrecision);
        return new Partition(p => useMuon(p) && p.IsMatrix ? "muon" : "adamw", new Dictionary<string, GradientTransform> { ["muon"] = muon, ["adamw"] = adam });
    }
}
