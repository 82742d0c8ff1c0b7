using Steepest.Optimizers;
using Steepest.Optimizers.Transforms;
using Steepest.Optimizers.Precision;

namespace Steepest.Tests.Optimizers;

/// <summary>Adam and AdamW with bf16 and int8 moments: fused equals unfused bit for bit, resume is bit-identical, and short parameters stay fp32.</summary>
public sealed class StatePrecisionTests
{
    private static Parameter[] Model()
    {
        // Odd sizes: a partial last block, a parameter short enough to stay fp32, and one large enough to be split across threads.
        var list = new[]
        {
            new Parameter("w1", [61, 83], ParameterKind.Linear, isInputLayer: true),
            new Parameter("b1", [83], ParameterKind.Bias),
            new Parameter("w2", [397, 509], ParameterKind.Linear),
        };
        var random = new Random(1);
        foreach (var p in list)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(random.NextDouble() - 0.5);
        return list;
    }

    private static void Gradients(Parameter[] parameters, int step)
    {
        var random = new Random(100 + step);
        foreach (var p in parameters)
            for (int i = 0; i < p.Length; i++) p.Gradient[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(0, 5)));
        // A zero gradient block and an exact zero parameter gradient exercise absmax 0.
        Array.Clear(parameters[0].Gradient, 0, 600);
    }

    public static TheoryData<string, StatePrecision> Cases => new()
    {
        { "adamw", StatePrecision.Int8 }, { "adamw", StatePrecision.Bf16 }, { "adam", StatePrecision.Int8 }, { "adam", StatePrecision.Bf16 },
    };

    private static Optimizer Build(string recipe, StatePrecision precision, Parameter[] parameters, bool fuse) =>
        new(OptimizerCatalogue.Create(recipe, new OptimizerSettings { StatePrecision = precision, Schedule = "cosine:30", WeightDecay = 0.05 }), parameters,
            new OptimizerOptions { Fuse = fuse, Threads = 2 });

    [Theory, MemberData(nameof(Cases))]
    public void The_fused_kernel_equals_the_unfused_chain_bit_for_bit(string recipe, StatePrecision precision) =>
        AssertFusedEqualsUnfused(recipe, precision, 12, (_, _) => { });

    [Theory, MemberData(nameof(Cases))]
    public void Non_finite_and_overflowing_gradients_round_the_same_fused_and_unfused(string recipe, StatePrecision precision)
    {
        var fused = AssertFusedEqualsUnfused(recipe, precision, 3, (parameters, step) =>
        {
            // At positions in both vectors of a paired turn, in a lone vector and in the scalar tail: NaN, ±∞, and a g² that overflows.
            var g = parameters[2].Gradient;
            foreach (int i in new[] { 3, 12, 300, 4101, 101_000, g.Length - 9, g.Length - 2 })
                g[i] = ((i + step) % 4) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, _ => 3e30f };
        });
        Assert.Contains(fused[2].Value, float.IsNaN);
    }

    /// <summary>Steps a fused and an unfused optimizer on the same gradients (then <paramref name="spoil"/>ed); returns the fused parameters.</summary>
    private static Parameter[] AssertFusedEqualsUnfused(string recipe, StatePrecision precision, int steps, Action<Parameter[], int> spoil)
    {
        var fusedParameters = Model();
        var plainParameters = Model();
        var fused = Build(recipe, precision, fusedParameters, fuse: true);
        var plain = Build(recipe, precision, plainParameters, fuse: false);
        Assert.Contains($"({precision.Name()} state)", fused.Plan);
        for (int step = 0; step < steps; step++)
        {
            foreach (var parameters in new[] { fusedParameters, plainParameters })
            {
                Gradients(parameters, step);
                spoil(parameters, step);
            }
            fused.Step();
            plain.Step();
        }
        for (int i = 0; i < fusedParameters.Length; i++)
            for (int j = 0; j < fusedParameters[i].Length; j++)
                Assert.True(BitConverter.SingleToInt32Bits(fusedParameters[i].Value[j]) == BitConverter.SingleToInt32Bits(plainParameters[i].Value[j]),
                    $"{fusedParameters[i].Name}[{j}]: fused {fusedParameters[i].Value[j]}, unfused {plainParameters[i].Value[j]}");
        Assert.Equal(StateBytes(fused), StateBytes(plain));
        return fusedParameters;
    }

    private static byte[] StateBytes(Optimizer optimizer)
    {
        string path = Path.Combine(Path.GetTempPath(), $"steepest-precision-{Guid.NewGuid():N}.bin");
        try
        {
            OptimizerStateFile.Save(optimizer, path);
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Save_load_continue_equals_an_uninterrupted_run_bit_for_bit(string recipe, StatePrecision precision)
    {
        var straight = Model();
        var straightOptimizer = Build(recipe, precision, straight, fuse: true);
        for (int step = 0; step < 20; step++)
        {
            Gradients(straight, step);
            straightOptimizer.Step();
        }
        var first = Model();
        var firstOptimizer = Build(recipe, precision, first, fuse: true);
        for (int step = 0; step < 9; step++)
        {
            Gradients(first, step);
            firstOptimizer.Step();
        }
        string path = Path.Combine(Path.GetTempPath(), $"steepest-precision-{Guid.NewGuid():N}.bin");
        try
        {
            OptimizerStateFile.Save(firstOptimizer, path);
            var resumed = Model();
            for (int i = 0; i < resumed.Length; i++) first[i].Value.CopyTo(resumed[i].Value, 0);
            var resumedOptimizer = Build(recipe, precision, resumed, fuse: true);
            OptimizerStateFile.Load(resumedOptimizer, path);
            for (int step = 9; step < 20; step++)
            {
                Gradients(resumed, step);
                resumedOptimizer.Step();
            }
            for (int i = 0; i < resumed.Length; i++) Assert.Equal(straight[i].Value, resumed[i].Value);
            // A state of another precision is refused by name, not misread.
            var other = Build(recipe, precision == StatePrecision.Int8 ? StatePrecision.Bf16 : StatePrecision.Int8, Model(), fuse: true);
            Assert.Contains("holds the state of", Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(other, path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Short_parameters_stay_fp32_and_the_state_shrinks_by_the_storage_width()
    {
        var parameters = Model();
        var int8 = (CompressedState)new ScaleByAdam(precision: StatePrecision.Int8).Init(parameters);
        Assert.IsType<Fp32Moment>(int8.Moments[0][1]);
        Assert.IsType<Int8Moment>(int8.Moments[0][0]);
        Assert.IsType<Int8Moment>(int8.Moments[1][2]);
        var bf16 = (CompressedState)new ScaleByAdam(precision: StatePrecision.Bf16).Init(parameters);
        long large = parameters[0].Length + parameters[2].Length, small = parameters[1].Length;
        Assert.Equal(2 * (2 * large + 4 * small), bf16.Bytes);
        Assert.Equal(2 * (large + 4 * (long)(Math.Ceiling(parameters[0].Length / 256.0) + Math.Ceiling(parameters[2].Length / 256.0)) + 4 * small), int8.Bytes);
    }

    [Theory]
    [InlineData(StatePrecision.Int8)]
    [InlineData(StatePrecision.Bf16)]
    public void Compressed_moments_reach_the_same_minimum_as_fp32(StatePrecision precision)
    {
        // A least-squares bowl with 8192 unknowns: both runs end near the minimizer θ* = target.
        var target = Enumerable.Range(0, 8192).Select(i => (float)Math.Sin(i)).ToArray();
        double Run(StatePrecision p)
        {
            var theta = new Parameter("theta", [8192]);
            var optimizer = new Optimizer(Recipes.AdamW(0.01, weightDecay: 0, statePrecision: p), [theta]);
            for (int step = 0; step < 600; step++)
            {
                for (int i = 0; i < 8192; i++) theta.Gradient[i] = 2 * (theta.Value[i] - target[i]) * (1 + i % 10);
                optimizer.Step();
            }
            return theta.Value.Zip(target, (a, b) => Math.Abs(a - b)).Max();
        }
        double fp32 = Run(StatePrecision.Fp32), compressed = Run(precision);
        Assert.True(fp32 < 0.02, $"fp32 ended {fp32} from the minimum");
        Assert.True(compressed < 0.03, $"{precision} ended {compressed} from the minimum (fp32: {fp32})");
    }

    public static TheoryData<string, StatePrecision> Momenta => new()
    {
        { "lion", StatePrecision.Int8 }, { "lion", StatePrecision.Bf16 }, { "momentum", StatePrecision.Int8 }, { "momentum", StatePrecision.Bf16 },
        { "nesterov", StatePrecision.Int8 }, { "nesterov", StatePrecision.Bf16 }, { "signum", StatePrecision.Int8 }, { "signum", StatePrecision.Bf16 },
        { "muon", StatePrecision.Int8 }, { "muon", StatePrecision.Bf16 },
    };

    [Theory, MemberData(nameof(Momenta))]
    public void Single_moment_recipes_store_their_momentum_compressed_and_resume_bit_for_bit(string recipe, StatePrecision precision)
    {
        Optimizer Make(Parameter[] parameters, bool fuse) =>
            new(OptimizerCatalogue.Create(recipe, new OptimizerSettings { StatePrecision = precision, LearningRate = 1e-3, WeightDecay = 0.01 }), parameters, new OptimizerOptions { Fuse = fuse, Threads = 2 });
        var fusedParameters = Model();
        var plainParameters = Model();
        var fused = Make(fusedParameters, true);
        var plain = Make(plainParameters, false);
        for (int step = 0; step < 8; step++)
        {
            Gradients(fusedParameters, step);
            Gradients(plainParameters, step);
            fused.Step();
            plain.Step();
        }
        // Lion, Signum and (Nesterov) momentum fuse their compressed moment and must agree bit for bit; Muon's
        // momentum runs unfused before a fused tail, so its moments agree exactly and θ to the tail's rounding.
        Assert.Equal(StateBytes(fused), StateBytes(plain));
        bool fusesTheMoment = recipe is "lion" or "momentum" or "nesterov" or "signum";
        if (fusesTheMoment) Assert.Contains($"({precision.Name()} state)", fused.Plan);
        for (int i = 0; i < fusedParameters.Length; i++)
            for (int j = 0; j < fusedParameters[i].Length; j++)
                if (fusesTheMoment)
                    Assert.True(BitConverter.SingleToInt32Bits(fusedParameters[i].Value[j]) == BitConverter.SingleToInt32Bits(plainParameters[i].Value[j]),
                        $"{recipe}: {fusedParameters[i].Name}[{j}] fused {fusedParameters[i].Value[j]}, unfused {plainParameters[i].Value[j]}");
                else Assert.Equal(plainParameters[i].Value[j], fusedParameters[i].Value[j], 1e-6f);
        Assert.Contains(precision.Name(), fused.Transform.Name);

        string path = Path.Combine(Path.GetTempPath(), $"steepest-precision-{Guid.NewGuid():N}.bin");
        try
        {
            OptimizerStateFile.Save(fused, path);
            var resumedParameters = Model();
            for (int i = 0; i < resumedParameters.Length; i++) fusedParameters[i].Value.CopyTo(resumedParameters[i].Value, 0);
            var resumed = Make(resumedParameters, true);
            OptimizerStateFile.Load(resumed, path);
            for (int step = 8; step < 12; step++)
            {
                Gradients(fusedParameters, step);
                Gradients(resumedParameters, step);
                fused.Step();
                resumed.Step();
            }
            for (int i = 0; i < resumedParameters.Length; i++) Assert.Equal(fusedParameters[i].Value, resumedParameters[i].Value);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("lion")]
    public void Int8_momentum_reaches_the_same_minimum_as_fp32(string recipe)
    {
        var target = Enumerable.Range(0, 8192).Select(i => (float)Math.Sin(i)).ToArray();
        double Run(StatePrecision p)
        {
            var theta = new Parameter("theta", [8192]);
            var optimizer = new Optimizer(OptimizerCatalogue.Create(recipe, new OptimizerSettings { StatePrecision = p, LearningRate = recipe == "lion" ? 5e-3 : 1e-2, Schedule = "cosine:800" }), [theta]);
            for (int step = 0; step < 800; step++)
            {
                for (int i = 0; i < 8192; i++) theta.Gradient[i] = 2 * (theta.Value[i] - target[i]);
                optimizer.Step();
            }
            return theta.Value.Zip(target, (a, b) => Math.Abs(a - b)).Max();
        }
        double fp32 = Run(StatePrecision.Fp32), int8 = Run(StatePrecision.Int8);
        Assert.True(fp32 < 0.02, $"fp32 ended {fp32} from the minimum");
        Assert.True(int8 < 0.03, $"int8 ended {int8} from the minimum (fp32: {fp32})");
    }

    [Fact]
    public void Other_recipes_refuse_a_precision_they_do_not_implement()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerCatalogue.Create("rmsprop", new OptimizerSettings { StatePrecision = StatePrecision.Int8 }));
        Assert.Contains("keeps fp32 state", e.Message);
        Assert.Equal(StatePrecision.Bf16, StatePrecisions.Parse(" BF16 "));
        Assert.Throws<ArgumentException>(() => StatePrecisions.Parse("fp8"));
    }
}

/// <summary>Today's state files (format 1: float buffers only, no types) still load.</summary>
public sealed class StateFileFormatTests
{
    [Fact]
    public void A_format_1_file_loads_into_the_same_optimizer()
    {
        var parameters = new[] { new Parameter("w", [40, 30], ParameterKind.Linear) };
        for (int i = 0; i < parameters[0].Length; i++) parameters[0].Gradient[i] = 0.01f * (i % 13 - 6);
        var optimizer = new Optimizer(Recipes.AdamW(), parameters);
        for (int step = 0; step < 3; step++) optimizer.Step();
        string path = Path.Combine(Path.GetTempPath(), $"steepest-format1-{Guid.NewGuid():N}.bin");
        try
        {
            OptimizerStateFile.Save(optimizer, path);
            byte[] file = File.ReadAllBytes(path);
            int length = BitConverter.ToInt32(file, 8);
            string json = System.Text.Encoding.UTF8.GetString(file, 12, length);
            Assert.Contains("\"format\": 2", json);
            string old = System.Text.RegularExpressions.Regex.Replace(json.Replace("\"format\": 2", "\"format\": 1"), ",\\s*\"type\": \"f32\"", "");
            Assert.DoesNotContain("\"type\"", old);
            byte[] header = System.Text.Encoding.UTF8.GetBytes(old);
            File.WriteAllBytes(path, [.. file[..8], .. BitConverter.GetBytes(header.Length), .. header, .. file[(12 + length)..]]);
            var reloaded = new Optimizer(Recipes.AdamW(), [new Parameter("w", [40, 30], ParameterKind.Linear)]);
            OptimizerStateFile.Load(reloaded, path);
            Assert.Equal(3, reloaded.Steps);
        }
        finally { File.Delete(path); }
    }
}
