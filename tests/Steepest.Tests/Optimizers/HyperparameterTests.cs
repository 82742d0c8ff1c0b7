using Steepest.Optimizers;
using Steepest.Norms;
using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Transforms;

namespace Steepest.Tests.Optimizers;

/// <summary>Every transform, recipe and schedule refuses each out-of-range argument where it enters, naming it and its value.</summary>
public sealed class HyperparameterTests
{
    private static readonly MaxCombinationNorm Norm = new([new NormBlock(new LInfinityNorm(), 1, 1)]);

    /// <summary>Each case: the constructor call, the parameter it must blame, and the value it must quote.</summary>
    private static readonly Dictionary<string, (Func<object> Create, string Parameter, string Value)> Cases = new()
    {
        ["AddDecayedWeights(-1)"] = (() => new AddDecayedWeights(-1), "weightDecay", "-1"),
        ["AddDecayedWeights(NaN)"] = (() => new AddDecayedWeights(double.NaN), "weightDecay", "NaN"),
        ["AddDecayedWeights(∞)"] = (() => new AddDecayedWeights(double.PositiveInfinity), "weightDecay", "Infinity"),
        ["ClipByGlobalNorm(0)"] = (() => new ClipByGlobalNorm(0), "maxNorm", "0"),
        ["ClipByGlobalNorm(∞)"] = (() => new ClipByGlobalNorm(double.PositiveInfinity), "maxNorm", "Infinity"),
        ["EmaMomentum(1)"] = (() => new EmaMomentum(1), "beta", "1"),
        ["EmaMomentum(-0.1)"] = (() => new EmaMomentum(-0.1), "beta", "-0.1"),
        ["EmaMomentum(NaN)"] = (() => new EmaMomentum(double.NaN), "beta", "NaN"),
        ["Trace(5)"] = (() => new Trace(5), "decay", "5"),
        ["Trace(-1)"] = (() => new Trace(-1), "decay", "-1"),
        ["Orthogonalize(-1)"] = (() => new Orthogonalize(-1), "steps", "-1"),
        ["Scale(NaN)"] = (() => new Scale(double.NaN), "factor", "NaN"),
        ["Scale(-∞)"] = (() => new Scale(double.NegativeInfinity), "factor", "-Infinity"),
        ["ScaleByAdagrad(ε 0)"] = (() => new ScaleByAdagrad(0), "epsilon", "0"),
        ["ScaleByAdagrad(accumulator -1)"] = (() => new ScaleByAdagrad(1e-10, -1), "initialAccumulator", "-1"),
        ["ScaleByAdam(β₁ 5)"] = (() => new ScaleByAdam(5), "beta1", "5"),
        ["ScaleByAdam(β₁ -0.5)"] = (() => new ScaleByAdam(-0.5), "beta1", "-0.5"),
        ["ScaleByAdam(β₂ 1)"] = (() => new ScaleByAdam(0.9, 1), "beta2", "1"),
        ["ScaleByAdam(ε 0)"] = (() => new ScaleByAdam(0.9, 0.999, 0), "epsilon", "0"),
        ["ScaleByAdam(ε -1e-8)"] = (() => new ScaleByAdam(0.9, 0.999, -1e-8), "epsilon", "-1E-08"),
        ["ScaleByAdam(ε NaN)"] = (() => new ScaleByAdam(0.9, 0.999, double.NaN), "epsilon", "NaN"),
        ["ScaleByEpochPreconditioner(ε -1)"] = (() => new ScaleByEpochPreconditioner(EpochStatistics.CurrentEpoch, -1), "epsilon", "-1"),
        ["ScaleByLion(β₁ 1)"] = (() => new ScaleByLion(1), "beta1", "1"),
        ["ScaleByLion(β₂ 2)"] = (() => new ScaleByLion(0.9, 2), "beta2", "2"),
        ["ScaleByModularDirection(steps -1)"] = (() => new ScaleByModularDirection(Norm, -1), "steps", "-1"),
        ["ScaleByRms(α 1)"] = (() => new ScaleByRms(1), "alpha", "1"),
        ["ScaleByRms(ε 0)"] = (() => new ScaleByRms(0.99, 0), "epsilon", "0"),
        ["ScaleByLearningRate(-1)"] = (() => new ScaleByLearningRate(-1), "rate", "-1"),
        ["Constant(0)"] = (() => LearningRateSchedule.Constant(0), "rate", "0"),
        ["Constant(∞)"] = (() => LearningRateSchedule.Constant(double.PositiveInfinity), "rate", "Infinity"),
        ["StepDecay(rate -1)"] = (() => LearningRateSchedule.StepDecay(-1, 10, 0.5), "rate", "-1"),
        ["StepDecay(every 0)"] = (() => LearningRateSchedule.StepDecay(1, 0, 0.5), "every", "0"),
        ["StepDecay(γ 0)"] = (() => LearningRateSchedule.StepDecay(1, 10, 0), "gamma", "0"),
        ["Cosine(horizon 0)"] = (() => LearningRateSchedule.Cosine(1, 0), "totalSteps", "0"),
        ["Cosine(minimum -1)"] = (() => LearningRateSchedule.Cosine(1, 10, -1), "minimum", "-1"),
        ["Cosine(rate NaN)"] = (() => LearningRateSchedule.Cosine(double.NaN, 10), "rate", "NaN"),
        ["WarmUp(-1)"] = (() => LearningRateSchedule.WarmUp(-1, LearningRateSchedule.Constant(1)), "warmupSteps", "-1"),
        ["InverseTime(τ 0)"] = (() => LearningRateSchedule.InverseTime(1, 0), "tau", "0"),
        ["InverseSqrt(-1)"] = (() => LearningRateSchedule.InverseSqrt(-1), "rate", "-1"),
        ["Parse(rate -1)"] = (() => LearningRateSchedule.Parse("cosine:10", -1), "rate", "-1"),
        ["Sgd(lr -1)"] = (() => Recipes.Sgd(-1), "learningRate", "-1"),
        ["Sgd(lr 0)"] = (() => Recipes.Sgd(0), "learningRate", "0"),
        ["Sgd(lr ∞) with a schedule"] = (() => Recipes.Sgd(double.PositiveInfinity, schedule: LearningRateSchedule.Constant(1)), "learningRate", "Infinity"),
        ["Sgd(wd -1)"] = (() => Recipes.Sgd(0.1, -1), "weightDecay", "-1"),
        ["Momentum(lr NaN)"] = (() => Recipes.Momentum(double.NaN), "learningRate", "NaN"),
        ["Momentum(momentum 1)"] = (() => Recipes.Momentum(0.1, 1), "momentum", "1"),
        ["Momentum(wd -1)"] = (() => Recipes.Momentum(0.1, 0.9, -1), "weightDecay", "-1"),
        ["Nesterov(momentum -0.1)"] = (() => Recipes.Nesterov(0.1, -0.1), "momentum", "-0.1"),
        ["Nesterov(lr -1)"] = (() => Recipes.Nesterov(-1), "learningRate", "-1"),
        ["SignSgd(lr -1)"] = (() => Recipes.SignSgd(-1), "learningRate", "-1"),
        ["SignSgd(wd NaN)"] = (() => Recipes.SignSgd(0.1, double.NaN), "weightDecay", "NaN"),
        ["Signum(β 1)"] = (() => Recipes.Signum(0.1, 1), "beta", "1"),
        ["Signum(lr 0)"] = (() => Recipes.Signum(0), "learningRate", "0"),
        ["Lion(lr -1)"] = (() => Recipes.Lion(-1), "learningRate", "-1"),
        ["Lion(β₁ 1.5)"] = (() => Recipes.Lion(1e-4, 1.5), "beta1", "1.5"),
        ["Lion(β₂ -1)"] = (() => Recipes.Lion(1e-4, 0.9, -1), "beta2", "-1"),
        ["Lion(wd -1)"] = (() => Recipes.Lion(1e-4, 0.9, 0.99, -1), "weightDecay", "-1"),
        ["Adam(lr -1)"] = (() => Recipes.Adam(-1), "learningRate", "-1"),
        ["Adam(β₁ 5)"] = (() => Recipes.Adam(1e-3, 5), "beta1", "5"),
        ["Adam(β₂ 1)"] = (() => Recipes.Adam(1e-3, 0.9, 1), "beta2", "1"),
        ["Adam(ε 0)"] = (() => Recipes.Adam(1e-3, 0.9, 0.999, 0), "epsilon", "0"),
        ["Adam(wd -1)"] = (() => Recipes.Adam(1e-3, 0.9, 0.999, 1e-8, -1), "weightDecay", "-1"),
        ["AdamW(lr -1)"] = (() => Recipes.AdamW(-1), "learningRate", "-1"),
        ["AdamW(β₁ 1)"] = (() => Recipes.AdamW(1e-3, 1), "beta1", "1"),
        ["AdamW(β₂ NaN)"] = (() => Recipes.AdamW(1e-3, 0.9, double.NaN), "beta2", "NaN"),
        ["AdamW(ε -1)"] = (() => Recipes.AdamW(1e-3, 0.9, 0.999, -1), "epsilon", "-1"),
        ["AdamW(wd -0.01)"] = (() => Recipes.AdamW(1e-3, weightDecay: -0.01), "weightDecay", "-0.01"),
        ["Adagrad(lr 0)"] = (() => Recipes.Adagrad(0), "learningRate", "0"),
        ["Adagrad(ε 0)"] = (() => Recipes.Adagrad(1e-2, 0), "epsilon", "0"),
        ["RmsProp(lr -1)"] = (() => Recipes.RmsProp(-1), "learningRate", "-1"),
        ["RmsProp(α 1)"] = (() => Recipes.RmsProp(1e-2, 1), "alpha", "1"),
        ["RmsProp(ε 0)"] = (() => Recipes.RmsProp(1e-2, 0.99, 0), "epsilon", "0"),
        ["EpochAdam(lr -1)"] = (() => Recipes.EpochAdam(-1), "learningRate", "-1"),
        ["EpochAdam(ε -1)"] = (() => Recipes.EpochAdam(1e-2, epsilon: -1), "epsilon", "-1"),
        ["NormSteepest(lr 0)"] = (() => Recipes.NormSteepest("l2", 0), "learningRate", "0"),
        ["Modular(lr -1)"] = (() => Recipes.Modular(Norm, -1), "learningRate", "-1"),
        ["Modular(momentum 1)"] = (() => Recipes.Modular(Norm, 0.1, 1), "momentum", "1"),
        ["Modular(steps -1)"] = (() => Recipes.Modular(Norm, 0.1, 0.9, -1), "steps", "-1"),
        ["Modular(wd -1)"] = (() => Recipes.Modular(Norm, 0.1, 0.9, weightDecay: -1), "weightDecay", "-1"),
        ["Muon(lr -1)"] = (() => Recipes.Muon(-1), "learningRate", "-1"),
        ["Muon(momentum 1)"] = (() => Recipes.Muon(0.02, 1), "momentum", "1"),
        ["Muon(steps -1)"] = (() => Recipes.Muon(0.02, steps: -1), "steps", "-1"),
        ["Muon(wd -1)"] = (() => Recipes.Muon(0.02, weightDecay: -1), "weightDecay", "-1"),
        ["Muon(adam lr 0)"] = (() => Recipes.Muon(0.02, adamLearningRate: 0), "adamLearningRate", "0"),
        ["Muon(adam β₁ 1)"] = (() => Recipes.Muon(0.02, adamBeta1: 1), "adamBeta1", "1"),
        ["Muon(adam β₂ -1)"] = (() => Recipes.Muon(0.02, adamBeta2: -1), "adamBeta2", "-1"),
        ["Muon(adam wd -1)"] = (() => Recipes.Muon(0.02, adamWeightDecay: -1), "adamWeightDecay", "-1"),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void AnOutOfRangeArgumentIsRefusedByName(string name)
    {
        var (create, parameter, value) = Cases[name];
        var e = Assert.Throws<InvalidHyperparameterException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.StartsWith($"{parameter} must be ", e.Message);
        Assert.EndsWith($", got {value}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TheEdgesOfEachRangeAreAccepted()
    {
        // β = 0 (no averaging), λ = 0, 0 steps, ε = 0 for EpochAdam's zero-guarded rule, and the defaults.
        Assert.NotNull(new ScaleByAdam(0, 0, double.Epsilon));
        Assert.NotNull(new EmaMomentum(0));
        Assert.NotNull(new Trace(0.999999));
        Assert.NotNull(new AddDecayedWeights(0));
        Assert.NotNull(new Orthogonalize(0));
        Assert.NotNull(new ScaleByEpochPreconditioner(EpochStatistics.CurrentEpoch, 0));
        Assert.NotNull(new Scale(-1));
        Assert.NotNull(LearningRateSchedule.WarmUp(0, LearningRateSchedule.Constant(double.Epsilon)));
        Assert.NotNull(Recipes.Modular(Norm, momentum: 0));
        foreach (string recipe in OptimizerCatalogue.Names.Where(n => !n.Contains(':')))
            Assert.NotNull(OptimizerCatalogue.Create(recipe));
    }

    [Fact]
    public void TheCatalogueLeavesTheChecksToTheRecipesAndTheirNames()
    {
        Assert.Equal("learningRate", Assert.Throws<InvalidHyperparameterException>(() => OptimizerCatalogue.Create("adam", new OptimizerSettings { LearningRate = -1 })).ParamName);
        Assert.Equal("learningRate", Assert.Throws<InvalidHyperparameterException>(() => OptimizerCatalogue.Create("adam", new OptimizerSettings { LearningRate = -1, Schedule = "cosine:10" })).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<InvalidHyperparameterException>(() => OptimizerCatalogue.Create("muon", new OptimizerSettings { WeightDecay = -1 })).ParamName);
        Assert.Equal("beta", Assert.Throws<InvalidHyperparameterException>(() => OptimizerCatalogue.Create("signum", new OptimizerSettings { Momentum = 1 })).ParamName);
        Assert.Equal("adamLearningRate", Assert.Throws<InvalidHyperparameterException>(() => OptimizerCatalogue.Create("muon", new OptimizerSettings { AuxiliaryLearningRate = 0 })).ParamName);
        Assert.Contains("every must be ≥ 1, got 0", Assert.Throws<ArgumentException>(() => LearningRateSchedule.Parse("step:0:0.5", 1)).Message);
    }
}
