using Steepest.Optimizers.Precision;
using Steepest.Optimizers.Schedules;

namespace Steepest.Optimizers;

/// <summary>Command-line overrides for a recipe: anything left null keeps the recipe's default.</summary>
public sealed record OptimizerSettings
{
    /// <summary>η (for Muon: the Muon part; the AdamW part keeps its own default unless <see cref="AuxiliaryLearningRate"/> is set).</summary>
    public double? LearningRate { get; init; }
    /// <summary>λ.</summary>
    public double? WeightDecay { get; init; }
    /// <summary>A schedule spec for <see cref="LearningRateSchedule.Parse"/>, e.g. "cosine:4690".</summary>
    public string? Schedule { get; init; }
    /// <summary>Muon's auxiliary AdamW learning rate.</summary>
    public double? AuxiliaryLearningRate { get; init; }
    /// <summary>β of the recipes with a momentum (momentum, nesterov, signum, muon, steepest:modular).</summary>
    public double? Momentum { get; init; }
    /// <summary>The model's modular norm, one block per parameter (steepest:modular needs it; training supplies it).</summary>
    public Steepest.Norms.MaxCombinationNorm? ModelNorm { get; init; }
    /// <summary>Route Muon to the first layer's weight too, not only hidden-to-hidden weights.</summary>
    public bool MuonOnInputLayer { get; init; }
    /// <summary>One weight dᵢ > 0 per feature, for steepest descent in a norm built from weights (steepest:weighted).</summary>
    public double[]? NormWeights { get; init; }
    /// <summary>How the moments are stored (adam, adamw, lion, momentum, nesterov, signum and muon; the other recipes keep fp32 and refuse another).</summary>
    public StatePrecision StatePrecision { get; init; } = StatePrecision.Fp32;
}
