using Steepest.Optimizers;

namespace Steepest.Tests.Optimizers;

public sealed class RecipeTests
{
    /// <summary>Parameters for the comparisons: a 1-element vector, a vector, a wide and a tall matrix, and a large vector (threaded kernels).</summary>
    private static Parameter[] MakeParameters(bool large)
    {
        var list = new List<Parameter>
        {
            new("scalar", [1], ParameterKind.Bias),
            new("bias", [37], ParameterKind.Bias),
            new("wide", [5, 7], ParameterKind.Linear),
            new("tall", [9, 4], ParameterKind.Linear),
        };
        if (large) list.Add(new Parameter("large", [140_001], ParameterKind.Bias));
        var random = new Random(42);
        foreach (var p in list)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(random.NextDouble() * 2 - 1);
        return list.ToArray();
    }

    /// <summary>Seeded gradients with about one exact zero in five.</summary>
    internal static Parameter[] Parameters(bool large) => MakeParameters(large);

    internal static void Gradients(Parameter[] parameters, int step) => FillGradients(parameters, step);

    private static void FillGradients(Parameter[] parameters, int step)
    {
        var random = new Random(1000 + step);
        foreach (var p in parameters)
            for (int i = 0; i < p.Length; i++) p.Gradient[i] = random.Next(5) == 0 ? 0f : (float)(random.NextDouble() * 2 - 1);
    }

    public static TheoryData<string> RecipeNames => new(["sgd", "momentum", "nesterov", "sign-sgd", "signum", "lion", "adam", "adam-l2", "adamw", "adagrad", "rmsprop", "epoch-adam", "muon", "steepest:linf"]);

    private static (GradientTransform Transform, ReferenceOptimizer Reference) Recipe(string name) => name switch
    {
        "sgd" => (Recipes.Sgd(0.05, weightDecay: 0.01), new ReferenceSgd(0.05, weightDecay: 0.01)),
        "momentum" => (Recipes.Momentum(weightDecay: 0.001), new ReferenceSgd(1e-2, 0.9, weightDecay: 0.001)),
        "nesterov" => (Recipes.Nesterov(), new ReferenceSgd(1e-2, 0.9, nesterov: true)),
        "sign-sgd" => (Recipes.SignSgd(), new ReferenceSign(1e-3, 0)),
        "signum" => (Recipes.Signum(), new ReferenceSign(1e-3, 0.9)),
        "lion" => (Recipes.Lion(weightDecay: 0.1), new ReferenceLion(1e-4, 0.9, 0.99, 0.1)),
        "adam" => (Recipes.Adam(), new ReferenceAdam(1e-3, 0.9, 0.999, 1e-8, 0, decoupled: false)),
        "adam-l2" => (Recipes.Adam(weightDecay: 0.01), new ReferenceAdam(1e-3, 0.9, 0.999, 1e-8, 0.01, decoupled: false)),
        "adamw" => (Recipes.AdamW(), new ReferenceAdam(1e-3, 0.9, 0.999, 1e-8, 0.01, decoupled: true)),
        "adagrad" => (Recipes.Adagrad(), new ReferenceAdagrad(1e-2, 1e-10)),
        "rmsprop" => (Recipes.RmsProp(), new ReferenceRmsProp(1e-2, 0.99, 1e-8)),
        "epoch-adam" => (Recipes.EpochAdam(), new ReferenceEpochAdam(1e-2)),
        "muon" => (Recipes.Muon(), new ReferenceMuon(0.02, 0.95, new ReferenceAdam(3e-4, 0.9, 0.95, 1e-8, 0, decoupled: true))),
        "steepest:linf" => (Recipes.NormSteepest("linf", 1e-4), new ReferenceLInfinitySteepest(1e-4)),
        _ => throw new ArgumentException(name),
    };

    [Theory, MemberData(nameof(RecipeNames))]
    public void FusedAndUnfusedEqualTheScalarReferenceOver100Steps(string name)
    {
        bool large = name is "adam" or "adamw" or "lion" or "signum" or "momentum";
        var (transform, reference) = Recipe(name);
        var fusedParameters = MakeParameters(large);
        var plainParameters = MakeParameters(large);
        var referenceTheta = fusedParameters.Select(p => p.Value.Select(v => (double)v).ToArray()).ToArray();
        var fused = new Optimizer(transform, fusedParameters);
        var plain = new Optimizer(transform, plainParameters, new OptimizerOptions { Fuse = false });
        for (int step = 1; step <= 100; step++)
        {
            int epoch = step / 10; // ten steps an epoch, for epoch-adam
            FillGradients(fusedParameters, step);
            FillGradients(plainParameters, step);
            fused.Epoch = plain.Epoch = epoch;
            fused.Step();
            plain.Step();
            for (int i = 0; i < referenceTheta.Length; i++)
                reference.Step(i, referenceTheta[i], fusedParameters[i].Gradient.Select(v => (double)v).ToArray(), fusedParameters[i].Rows, fusedParameters[i].Columns, step, epoch);
        }
        for (int i = 0; i < referenceTheta.Length; i++)
        {
            double scale = Math.Max(1e-3, referenceTheta[i].Max(Math.Abs));
            // The large parameter (threaded kernels) is compared fused against unfused: over its 14M sign decisions a
            // true tie is bound to occur somewhere, where a double reference may legitimately take the other side.
            bool againstReference = fusedParameters[i].Name != "large";
            for (int j = 0; j < referenceTheta[i].Length; j++)
            {
                double expected = againstReference ? referenceTheta[i][j] : plainParameters[i].Value[j];
                if (!(Math.Abs(fusedParameters[i].Value[j] - expected) <= 1e-6 * scale))
                    Assert.Fail($"{name} ({fused.Plan}): {fusedParameters[i].Name}[{j}] = {fusedParameters[i].Value[j]}, expected {expected}");
                if (againstReference && !(Math.Abs(plainParameters[i].Value[j] - expected) <= 1e-6 * scale))
                    Assert.Fail($"{name} (unfused): {plainParameters[i].Name}[{j}] = {plainParameters[i].Value[j]}, reference {expected}");
            }
        }
    }

    [Theory]
    [InlineData("adam", "fused adam over 4 parameters")]
    [InlineData("adamw", "fused adamw over 4 parameters")]
    [InlineData("lion", "fused lion")]
    [InlineData("signum", "fused signum")]
    [InlineData("sign-sgd", "fused sign-sgd")]
    [InlineData("momentum", "fused momentum")]
    [InlineData("nesterov", "fused nesterov")]
    [InlineData("rmsprop", "fused rmsprop")]
    [InlineData("adagrad", "fused adagrad")]
    [InlineData("sgd", "fused sgd")]
    [InlineData("muon", "orthogonalize(newton-schulz, 5 steps) then fused sgd over 2 parameters")]
    [InlineData("muon", "fused adam over 2 parameters")]
    public void ElementwiseRecipesCompileToOneFusedKernel(string name, string plan)
    {
        var optimizer = new Optimizer(OptimizerCatalogue.Create(name), MakeParameters(false));
        Assert.Contains(plan, optimizer.Plan);
    }

    /// <summary>Chains no recipe builds: the compiler composes them from what each transform declares (direction, then decay, then rate).</summary>
    public static TheoryData<string, string> ComposedChains => new()
    {
        { "rms+decay", "fused rmsprop" },
        { "adagrad+decay", "fused adagrad" },
        { "nesterov+decay", "fused nesterov (int8 state)" },
        { "trace-then-decay", "trace(0.9) then fused sgd" },
    };

    private static GradientTransform Composed(string name) => name switch
    {
        "rms+decay" => new Chain(new Steepest.Optimizers.Transforms.ScaleByRms(), new Steepest.Optimizers.Transforms.AddDecayedWeights(0.1), Rate(1e-2)),
        "adagrad+decay" => new Chain(new Steepest.Optimizers.Transforms.ScaleByAdagrad(), new Steepest.Optimizers.Transforms.AddDecayedWeights(0.1), Rate(1e-2)),
        "nesterov+decay" => Recipes.Nesterov(weightDecay: 0.01, statePrecision: Steepest.Optimizers.Precision.StatePrecision.Int8),
        // A decay after the momentum is not PyTorch's coupled one: the trace stays unfused and the tail is plain SGD.
        "trace-then-decay" => new Chain(new Steepest.Optimizers.Transforms.Trace(0.9), new Steepest.Optimizers.Transforms.AddDecayedWeights(0.1), Rate(1e-2)),
        _ => throw new ArgumentException(name),
    };

    private static Steepest.Optimizers.Transforms.ScaleByLearningRate Rate(double eta) => new(Steepest.Optimizers.Schedules.LearningRateSchedule.Constant(eta));

    [Theory, MemberData(nameof(ComposedChains))]
    public void ChainsOutsideTheRecipesComposeIntoOneKernelThatAgreesWithTheUnfusedChain(string name, string plan)
    {
        var fusedParameters = MakeParameters(true);
        var plainParameters = MakeParameters(true);
        var fused = new Optimizer(Composed(name), fusedParameters);
        var plain = new Optimizer(Composed(name), plainParameters, new OptimizerOptions { Fuse = false });
        Assert.Contains(plan, fused.Plan);
        for (int step = 1; step <= 20; step++)
        {
            FillGradients(fusedParameters, step);
            FillGradients(plainParameters, step);
            fused.Step();
            plain.Step();
        }
        bool exact = name == "nesterov+decay"; // stored state: fused and unfused round alike, bit for bit
        for (int i = 0; i < fusedParameters.Length; i++)
            for (int j = 0; j < fusedParameters[i].Length; j++)
            {
                float a = fusedParameters[i].Value[j], b = plainParameters[i].Value[j];
                if (exact ? BitConverter.SingleToInt32Bits(a) != BitConverter.SingleToInt32Bits(b) : !(Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(b))))
                    Assert.Fail($"{name}: {fusedParameters[i].Name}[{j}] fused {a}, unfused {b}");
            }
    }

    [Fact]
    public void CatalogueRejectsUnknownNamesAndBadSettings()
    {
        Assert.Contains("unknown optimizer 'adamx'", Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("adamx")).Message);
        Assert.Contains("needs a norm", Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("steepest")).Message);
        Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("steepest:l7"));
        Assert.ThrowsAny<ArgumentException>(() => OptimizerCatalogue.Create("adam", new OptimizerSettings { LearningRate = -1 }));
        Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("adam", new OptimizerSettings { Schedule = "zigzag" }));
        foreach (string name in OptimizerCatalogue.Names.Where(n => !n.Contains(':')).Append("steepest:spectral"))
            Assert.NotNull(new Optimizer(OptimizerCatalogue.Create(name), MakeParameters(false)).Plan);
    }

    [Fact]
    public void NaNInTheGradientReachesTheParametersInsteadOfThrowing()
    {
        foreach (string name in new[] { "sign-sgd", "signum", "lion", "adamw" })
        {
            var parameters = MakeParameters(false);
            var optimizer = new Optimizer(OptimizerCatalogue.Create(name), parameters);
            FillGradients(parameters, 1);
            parameters[1].Gradient[3] = float.NaN;
            optimizer.Step();
            Assert.True(float.IsNaN(parameters[1].Value[3]), name);
        }
    }
}
