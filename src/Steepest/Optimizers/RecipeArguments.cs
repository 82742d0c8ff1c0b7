using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Precision;

namespace Steepest.Optimizers;

/// <summary>What an <see cref="OptimizerEntry"/>'s factory builds from: the settings, with the entry's defaults filled in.</summary>
public sealed class RecipeArguments
{
    internal RecipeArguments(OptimizerEntry entry, OptimizerSettings settings)
    {
        Entry = entry;
        Settings = settings;
    }

    /// <summary>The entry being built.</summary>
    public OptimizerEntry Entry { get; }

    /// <summary>The overrides as given.</summary>
    public OptimizerSettings Settings { get; }

    /// <summary>η: the given learning rate, else the entry's default.</summary>
    public double LearningRate => Settings.LearningRate ?? Entry.DefaultLearningRate;

    /// <summary>β: the given momentum, else the entry's default (0 for an entry without one).</summary>
    public double Momentum => Settings.Momentum ?? Entry.DefaultMomentum ?? 0;

    /// <summary>λ: the given weight decay, else <paramref name="recipeDefault"/>.</summary>
    public double WeightDecay(double recipeDefault) => Settings.WeightDecay ?? recipeDefault;

    /// <summary>How the moments are stored.</summary>
    public StatePrecision StatePrecision => Settings.StatePrecision;

    /// <summary>The given schedule at η, or null for a constant η; its rate is checked under the recipe's name for it.</summary>
    public LearningRateSchedule? Schedule => ScheduleAt(LearningRate, "learningRate");

    /// <summary>The given schedule at <paramref name="rate"/> (a second rate, e.g. Muon's AdamW's), or null.</summary>
    public LearningRateSchedule? ScheduleAt(double rate, string rateName) =>
        Settings.Schedule is null ? null : LearningRateSchedule.Parse(Settings.Schedule, Hyperparameter.Positive(rate, rateName));
}
