namespace Steepest.Optimizers;

/// <summary>Recipes by their command-line names: sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adamw, adagrad, rmsprop, epoch-adam, muon, steepest:NORM, steepest:modular.</summary>
public static class OptimizerCatalogue
{
    /// <summary>The names (steepest takes a catalogue norm after the colon).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["sgd", "momentum", "nesterov", "sign-sgd", "signum", "lion", "adam", "adamw", "adagrad", "rmsprop", "epoch-adam", "muon", "steepest:NORM", "steepest:modular"];

    /// <summary>The learning rate the optimizer's (first) scale_by_learning_rate will use next, or null if it has none.</summary>
    public static double? CurrentLearningRate(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Find(optimizer.Transform, optimizer.State);

        static double? Find(GradientTransform transform, TransformState state) => (transform, state) switch
        {
            (ScaleByLearningRate rate, PerParameterState s) => rate.Schedule.At(s.Count),
            (Chain chain, ChainState s) => chain.Transforms.Select((t, i) => Find(t, s.States[i])).FirstOrDefault(r => r is not null),
            (Partition partition, PartitionState s) => s.Groups.Select(g => Find(partition.Transforms[g.Label], g.State)).FirstOrDefault(r => r is not null),
            _ => null,
        };
    }

    /// <summary>The learning rate the named recipe uses when none is given (for muon, the Muon part's), or null if it has none.</summary>
    public static double? DefaultLearningRate(string name)
    {
        // Any norm will do: only steepest:modular needs one, and it does not change the rate.
        var settings = new OptimizerSettings { ModelNorm = new Norms.MaxCombinationNorm([new Norms.NormBlock(new Norms.LInfinityNorm(), 1, 1)]) };
        return Find(Create(name, settings));

        static double? Find(GradientTransform transform) => transform switch
        {
            ScaleByLearningRate rate => rate.Schedule.At(0),
            Chain chain => chain.Transforms.Select(Find).FirstOrDefault(r => r is not null),
            Partition partition => partition.Transforms.Values.Select(Find).FirstOrDefault(r => r is not null),
            _ => null,
        };
    }

    /// <summary>Builds the named recipe; throws <see cref="ArgumentException"/> with a clear message for unknown names or bad settings.</summary>
    public static GradientTransform Create(string name, OptimizerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        settings ??= new OptimizerSettings();
        string key = name.Trim().ToLowerInvariant();
        // The recipes check every value (InvalidHyperparameterException, named as the recipe names it); a schedule is
        // parsed before its recipe runs, so its rate is checked here under the recipe's name.
        LearningRateSchedule? Schedule(double defaultRate) =>
            settings.Schedule is null ? null : LearningRateSchedule.Parse(settings.Schedule, Hyperparameter.Positive(settings.LearningRate ?? defaultRate, "learningRate"));
        double Lr(double defaultRate) => settings.LearningRate ?? defaultRate;
        double Wd(double defaultDecay) => settings.WeightDecay ?? defaultDecay;
        double Beta(double defaultBeta) => settings.Momentum ?? defaultBeta;
        if (settings.Momentum is not null && (Names.Contains(key) || key.StartsWith("steepest:", StringComparison.Ordinal)) && key is not ("momentum" or "nesterov" or "signum" or "muon" or "steepest:modular"))
            throw new ArgumentException($"'{name}' takes no momentum setting (momentum, nesterov, signum, muon and steepest:modular do)");

        var precision = settings.StatePrecision;
        if (precision != StatePrecision.Fp32 && key is not ("adam" or "adamw" or "lion" or "momentum" or "nesterov" or "signum" or "muon"))
            throw new ArgumentException($"state precision {precision.Name()} applies to the moments of adam, adamw, lion, momentum, nesterov, signum and muon; '{name}' keeps fp32 state");

        if (key == "steepest:modular")
            return Recipes.Modular(settings.ModelNorm ?? throw new ArgumentException("steepest:modular needs a model: its norm is built from the model's modules (train and sweep supply it)"),
                Lr(0.1), Beta(0.9), weightDecay: Wd(0), schedule: Schedule(0.1));
        if (key.StartsWith("steepest:", StringComparison.Ordinal))
            return Recipes.NormSteepest(key["steepest:".Length..], Lr(1e-2), Schedule(1e-2));
        return key switch
        {
            "sgd" => Recipes.Sgd(Lr(1e-3), Wd(0), Schedule(1e-3)),
            "momentum" => Recipes.Momentum(Lr(1e-2), Beta(0.9), Wd(0), Schedule(1e-2), precision),
            "nesterov" => Recipes.Nesterov(Lr(1e-2), Beta(0.9), Wd(0), Schedule(1e-2), precision),
            "sign-sgd" => Recipes.SignSgd(Lr(1e-3), Wd(0), Schedule(1e-3)),
            "signum" => Recipes.Signum(Lr(1e-3), Beta(0.9), Wd(0), Schedule(1e-3), precision),
            "lion" => Recipes.Lion(Lr(1e-4), 0.9, 0.99, Wd(0), Schedule(1e-4), precision),
            "adam" => Recipes.Adam(Lr(1e-3), 0.9, 0.999, 1e-8, Wd(0), Schedule(1e-3), precision),
            "adamw" => Recipes.AdamW(Lr(1e-3), 0.9, 0.999, 1e-8, Wd(0.01), Schedule(1e-3), precision),
            "adagrad" => Recipes.Adagrad(Lr(1e-2), 1e-10, Schedule(1e-2)),
            "rmsprop" => Recipes.RmsProp(Lr(1e-2), 0.99, 1e-8, Schedule(1e-2)),
            "epoch-adam" => Recipes.EpochAdam(Lr(1e-2), schedule: Schedule(1e-2)),
            "muon" => Recipes.Muon(Lr(0.02), Beta(0.95), weightDecay: Wd(0), adamLearningRate: settings.AuxiliaryLearningRate ?? 3e-4,
                useMuon: settings.MuonOnInputLayer ? Recipes.IsWeightMatrix : null,
                schedule: Schedule(0.02),
                adamSchedule: settings.Schedule is null ? null : LearningRateSchedule.Parse(settings.Schedule, Hyperparameter.Positive(settings.AuxiliaryLearningRate ?? 3e-4, "adamLearningRate")),
                statePrecision: precision),
            "steepest" => throw new ArgumentException("'steepest' needs a norm, e.g. steepest:linf or steepest:spectral"),
            _ => throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}"),
        };
    }
}
