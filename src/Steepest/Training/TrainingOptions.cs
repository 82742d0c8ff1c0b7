using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Training;

/// <summary>Everything that defines a training run (and must match when it is resumed).</summary>
public sealed record TrainingOptions
{
    /// <summary>The architecture, checked against the data.</summary>
    public required ModelSpec Model { get; init; }
    /// <summary>A name from the optimizer catalogue.</summary>
    public required string Optimizer { get; init; }
    /// <summary>Learning rate, weight decay, schedule (a bare "cosine" spans the whole run).</summary>
    public OptimizerSettings OptimizerSettings { get; init; } = new();
    /// <summary>Epochs in total, for data trained by epochs (a resumed run continues up to this number).</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Masses to tare before training, by module name (e.g. head = 2): they weight the modular norm of steepest:modular.</summary>
    public IReadOnlyDictionary<string, double>? Masses { get; init; }
    /// <summary>Steps in total, for data trained by steps (text).</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Steps between evaluations, for data trained by steps.</summary>
    public int EvaluateEvery { get; init; } = 100;
    /// <summary>Validation windows per evaluation, for text.</summary>
    public int EvaluationWindows { get; init; } = 256;
    /// <summary>The global batch: split across workers in data-parallel runs.</summary>
    public int Batch { get; init; } = 128;
    /// <summary>Seed of the initialization and of every epoch's shuffle or step's windows.</summary>
    public ulong Seed { get; init; }
    /// <summary>Data-parallel workers (1: plain training).</summary>
    public int Workers { get; init; } = 1;
    /// <summary>Gradient reducer for data-parallel runs.</summary>
    public string Strategy { get; init; } = "ring";
    /// <summary>Error feedback for the sign reducer.</summary>
    public bool ErrorFeedback { get; init; }
    /// <summary>Write a checkpoint here after every evaluation.</summary>
    public string? SaveFolder { get; init; }
    /// <summary>Continue from the checkpoint in this folder.</summary>
    public string? ResumeFolder { get; init; }
    /// <summary>Testing aid: this worker throws in the middle of the second round (or at the last step of a one-round run).</summary>
    public int? FailingWorker { get; init; }
    /// <summary>How long a rank waits for a message before the run fails.</summary>
    public TimeSpan? CommunicationTimeout { get; init; }
}
