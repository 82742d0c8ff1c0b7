using Steepest.Optimizers;

namespace Steepest.Tests.Optimizers;

public sealed class StateFileTests
{
    private static Parameter[] Model()
    {
        var list = new[]
        {
            new Parameter("w1", [6, 5], ParameterKind.Linear, isInputLayer: true),
            new Parameter("w2", [6, 6], ParameterKind.Linear),
            new Parameter("b", [6], ParameterKind.Bias),
        };
        var random = new Random(7);
        foreach (var p in list)
            for (int i = 0; i < p.Length; i++) p.Value[i] = (float)(random.NextDouble() - 0.5);
        return list;
    }

    private static void Gradients(Parameter[] parameters, int step)
    {
        var random = new Random(step);
        foreach (var p in parameters)
            for (int i = 0; i < p.Length; i++) p.Gradient[i] = (float)(random.NextDouble() - 0.5);
    }

    public static TheoryData<string, bool> Cases => new()
    {
        { "adamw", true }, { "adamw", false }, { "muon", true }, { "lion", true }, { "epoch-adam", true }, { "rmsprop", true }, { "signum", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void SaveLoadContinueEqualsAnUninterruptedRunBitForBit(string recipe, bool fuse)
    {
        var options = new OptimizerOptions { Fuse = fuse };
        var straight = Model();
        var straightOptimizer = new Optimizer(OptimizerCatalogue.Create(recipe, new OptimizerSettings { Schedule = "cosine:40" }), straight, options);
        for (int step = 0; step < 40; step++)
        {
            Gradients(straight, step);
            straightOptimizer.Epoch = step / 7;
            straightOptimizer.Step();
        }

        string path = Path.Combine(Path.GetTempPath(), $"steepest-state-{Guid.NewGuid():N}.bin");
        try
        {
            var first = Model();
            var firstOptimizer = new Optimizer(OptimizerCatalogue.Create(recipe, new OptimizerSettings { Schedule = "cosine:40" }), first, options);
            for (int step = 0; step < 17; step++)
            {
                Gradients(first, step);
                firstOptimizer.Epoch = step / 7;
                firstOptimizer.Step();
            }
            OptimizerStateFile.Save(firstOptimizer, path);

            // A fresh process would rebuild the model from its checkpoint and the optimizer from the recipe.
            var resumed = Model();
            for (int i = 0; i < resumed.Length; i++) first[i].Value.CopyTo(resumed[i].Value, 0);
            var resumedOptimizer = new Optimizer(OptimizerCatalogue.Create(recipe, new OptimizerSettings { Schedule = "cosine:40" }), resumed, options);
            OptimizerStateFile.Load(resumedOptimizer, path);
            Assert.Equal(17, resumedOptimizer.Steps);
            for (int step = 17; step < 40; step++)
            {
                Gradients(resumed, step);
                resumedOptimizer.Epoch = step / 7;
                resumedOptimizer.Step();
            }
            for (int i = 0; i < straight.Length; i++) Assert.Equal(straight[i].Value, resumed[i].Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WrongRecipeTruncationAndCorruptionAreRejectedWithoutTouchingTheOptimizer()
    {
        string path = Path.Combine(Path.GetTempPath(), $"steepest-state-{Guid.NewGuid():N}.bin");
        try
        {
            var parameters = Model();
            var adamw = new Optimizer(Recipes.AdamW(), parameters);
            Gradients(parameters, 1);
            adamw.Step();
            OptimizerStateFile.Save(adamw, path);

            var lion = new Optimizer(Recipes.Lion(), Model());
            Assert.Contains("holds the state of", Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(lion, path)).Message);

            var other = new Optimizer(Recipes.AdamW(), [new Parameter("w1", [3])]);
            Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(other, path));

            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^7]);
            var fresh = new Optimizer(Recipes.AdamW(), Model());
            Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(fresh, path)).Message);
            Assert.Equal(0, fresh.Steps);

            bytes[3] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
            Assert.Contains("not a Steepest optimizer state file", Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(fresh, path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
