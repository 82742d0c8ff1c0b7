using CsCheck;
using Steepest.Data;
using Steepest.Models;
using Steepest.Training;

namespace Steepest.Tests.Training;

public sealed class TextWindowTests
{
    private static (BatchSampler Sampler, TextCorpus Corpus) Sampler(int length, int context, ulong seed, int batch = 5, int windows = 7)
    {
        var corpus = SyntheticText.Corpus(length);
        var options = new TrainingOptions { Model = ModelSpec.Parse($"gpt:layers=1,width=4,heads=1,context={context}", corpus.Shape), Optimizer = "sgd", Batch = batch, Seed = seed, Steps = 30, EvaluateEvery = 7, EvaluationWindows = windows };
        var data = new TextTrainingData(corpus);
        var network = options.Model.Build(0);
        data.Check(network, options);
        return (data.CreateSampler(network, options), corpus);
    }

    [Fact]
    public void WindowsAreContextPlusOneTokensAndTargetsAreTheNextToken() => Property.ForAll(
        from context in Gen.Int[1, 12] from length in Gen.Int[10 * (context + 2), 400] from seed in Gen.ULong select (length, context, seed), 21, 40,
        c =>
        {
            var (sampler, corpus) = Sampler(c.length, c.context, c.seed);
            var inputs = new float[5 * c.context];
            var targets = new int[5 * c.context];
            var train = corpus.Train.ToArray();
            for (long step = 0; step < 3; step++)
            {
                sampler.Fill(step, 0, 5, inputs, targets);
                for (int b = 0; b < 5; b++)
                {
                    // Find the window in the training text: inputs then targets shifted by one.
                    int start = Enumerable.Range(0, train.Length - c.context).First(s => Enumerable.Range(0, c.context).All(t => train[s + t] == inputs[b * c.context + t] && train[s + t + 1] == targets[b * c.context + t]));
                    Assert.InRange(start + c.context, 0, train.Length - 1);
                }
            }
        });

    [Fact]
    public void AShardIsTheMatchingSliceOfTheGlobalBatchAndTheStepFixesTheBatch()
    {
        var (a, _) = Sampler(500, 6, 3);
        var (b, _) = Sampler(500, 6, 3);
        var (other, _) = Sampler(500, 6, 4);
        var all = new float[30];
        var allTargets = new int[30];
        a.Fill(9, 0, 5, all, allTargets);
        var part = new float[12];
        var partTargets = new int[12];
        b.Fill(9, 3, 2, part, partTargets);
        Assert.Equal(all[18..], part);
        Assert.Equal(allTargets[18..], partTargets);
        var again = new float[30];
        a.Fill(9, 0, 5, again, new int[30]);
        Assert.Equal(all, again);
        var next = new float[30];
        a.Fill(10, 0, 5, next, new int[30]);
        Assert.NotEqual(all, next);
        var seeded = new float[30];
        other.Fill(9, 0, 5, seeded, new int[30]);
        Assert.NotEqual(all, seeded);
    }

    [Fact]
    public void ValidationWindowsComeFromTheHeldOutTextAndDoNotDependOnTheSeed()
    {
        var (a, corpus) = Sampler(2000, 8, 1);
        var (b, _) = Sampler(2000, 8, 99);
        Assert.Equal(7, a.EvaluationCount);
        var x = new float[56];
        var y = new float[56];
        a.FillEvaluation(0, 7, x, new int[56]);
        b.FillEvaluation(0, 7, y, new int[56]);
        Assert.Equal(x, y);
        var validation = corpus.Validation.ToArray();
        for (int w = 0; w < 7; w++)
            Assert.Contains(Enumerable.Range(0, validation.Length - 8), s => Enumerable.Range(0, 8).All(t => validation[s + t] == x[w * 8 + t]));
    }

    [Fact]
    public void RoundsEndEveryKStepsAndAtTheEnd()
    {
        var (sampler, _) = Sampler(500, 4, 1);
        Assert.Equal(30, sampler.TotalSteps);
        Assert.Equal([7L, 14, 21, 28, 30], Enumerable.Range(0, 5).Select(i => sampler.RoundEnd(i == 0 ? 0 : 7L * i)).ToArray());
    }
}
