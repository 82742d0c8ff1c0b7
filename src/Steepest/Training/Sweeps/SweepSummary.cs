namespace Steepest.Training.Sweeps;

/// <summary>What a sweep's table reports: the best learning rate of each (model, optimizer), in the order they first appear.</summary>
public static class SweepSummary
{
    /// <summary>
    /// For each (model, optimizer): the learning rate whose runs have the lowest mean final loss over seeds. A learning
    /// rate at which any seed diverged is never best (its mean counts as +∞); ties go to the smaller learning rate.
    /// </summary>
    public static IReadOnlyList<SweepBest> Best(IEnumerable<SweepRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var result = new List<SweepBest>();
        foreach (var group in runs.GroupBy(r => (r.Model, r.Optimizer)))
        {
            SweepBest? best = null;
            int seeds = group.Select(r => r.Seed).Distinct().Count();
            foreach (var atRate in group.GroupBy(r => r.LearningRate).OrderBy(g => g.Key))
            {
                var list = atRate.ToList();
                if (list.Any(r => r.Diverged || r.FinalLoss is null)) continue;
                double[] losses = list.Select(r => r.FinalLoss!.Value).ToArray();
                double mean = losses.Average();
                if (best?.MeanFinalLoss is double bestMean && !(mean < bestMean)) continue;
                double std = losses.Length < 2 ? 0 : Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / (losses.Length - 1));
                double? accuracy = list.All(r => r.Accuracy is not null) ? list.Average(r => r.Accuracy!.Value) : null;
                double? time = list.All(r => r.TimeToTarget is not null) ? list.Average(r => r.TimeToTarget!.Value) : null;
                best = new SweepBest(group.Key.Model, group.Key.Optimizer, atRate.Key, mean, std, accuracy, time, list.Count);
            }
            result.Add(best ?? new SweepBest(group.Key.Model, group.Key.Optimizer, null, null, null, null, null, seeds));
        }
        return result;
    }
}
