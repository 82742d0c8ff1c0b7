using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest train</c>.</summary>
public class TrainSettings : CommandSettings
{
    /// <summary>Dataset name.</summary>
    [CommandOption("--dataset <NAME>")]
    [Description("mnist (default), fashion-mnist, or text:FILE (byte-level language modelling)")]
    public string Dataset { get; set; } = "mnist";

    /// <summary>Model spec.</summary>
    [CommandOption("--model <SPEC>")]
    [Description("required: softmax, mlp:784-512-512-10 (any widths; append :gelu for GELU), cnn:32-64 (3×3 conv, ReLU, 2×2 max-pool per entry), or gpt:layers=2,width=128,heads=4,context=128 (text)")]
    public string? Model { get; set; }

    /// <summary>Optimizer name.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("required: sgd, momentum, nesterov, sign-sgd, signum, lion, adam, adamw, adagrad, rmsprop, epoch-adam, muon, steepest:NORM, steepest:modular (steepest descent in the model's modular norm)")]
    public string? Optimizer { get; set; }

    /// <summary>Learning rate.</summary>
    [CommandOption("--lr <A>")]
    [Description("learning rate (default: the recipe's; for muon, the Muon part); sweep: a list of numbers, or xF for F times each recipe's default")]
    public string? LearningRate { get; set; }

    /// <summary>Weight decay.</summary>
    [CommandOption("--weight-decay <L>")]
    [Description("weight decay λ (default: the recipe's)")]
    public string? WeightDecay { get; set; }

    /// <summary>Schedule.</summary>
    [CommandOption("--schedule <S>")]
    [Description("constant, cosine (over the whole run), cosine:STEPS, step:EVERY:GAMMA, warmup:STEPS[[:…]], 1/t:TAU")]
    public string? Schedule { get; set; }

    /// <summary>Auxiliary AdamW learning rate for muon.</summary>
    [CommandOption("--aux-lr <A>")]
    [Description("muon: learning rate of the AdamW that trains embeddings, the head, gains, biases and the input layer (default 3e-4)")]
    public string? AuxiliaryLearningRate { get; set; }

    /// <summary>Storage of the optimizer's moments.</summary>
    [CommandOption("--state-precision <P>")]
    [Description("how adam, adamw, lion, momentum, nesterov, signum and muon store their moments: fp32 (default), bf16, or int8 (block-wise, 256 values per fp32 absmax); parameters under 4096 values stay fp32")]
    public string? StatePrecision { get; set; }

    /// <summary>Momentum β.</summary>
    [CommandOption("--momentum <B>")]
    [Description("β in [[0, 1) for momentum, nesterov, signum, muon (default 0.95) and steepest:modular (default 0.9)")]
    public string? Momentum { get; set; }

    /// <summary>Module masses.</summary>
    [CommandOption("--mass <NAME=M>")]
    [Description("steepest:modular: set module masses, e.g. head=2,block1=3 (names as in the parameter list; default: every layer 1, a GPT's blocks 5 in all)")]
    public string? Mass { get; set; }

    /// <summary>Muon on the first layer too.</summary>
    [CommandOption("--muon-input")]
    [Description("muon: orthogonalize the input layer's weight (first linear or conv) too, not only hidden weights")]
    public bool MuonInput { get; set; }

    /// <summary>Epochs (images).</summary>
    [CommandOption("--epochs <N>")]
    [Description("epochs over an image dataset (default 10)")]
    public int? Epochs { get; set; }

    /// <summary>Steps (text).</summary>
    [CommandOption("--steps <N>")]
    [Description("text: training steps of --batch random windows each (default 1000)")]
    public int? Steps { get; set; }

    /// <summary>Evaluation interval (text).</summary>
    [CommandOption("--eval-every <K>")]
    [Description("text: evaluate on the validation windows every K steps, and at the end (default 100)")]
    public int? EvaluateEvery { get; set; }

    /// <summary>Validation windows (text).</summary>
    [CommandOption("--eval-windows <N>")]
    [Description("text: validation windows per evaluation, a fixed seeded set (default 256)")]
    public int? EvaluationWindows { get; set; }

    /// <summary>Global batch size.</summary>
    [CommandOption("--batch <B>")]
    [Description("global batch size (default 128)")]
    public int Batch { get; set; } = 128;

    /// <summary>Data folder.</summary>
    [CommandOption("--data <DIR>")]
    [Description("folder with the four IDX files (.gz or raw); else $STEEPEST_DATA[[/DATASET]], else Debian's package (fashion-mnist), else the cache")]
    public string? Data { get; set; }

    /// <summary>Download when missing.</summary>
    [CommandOption("--download")]
    [Description("download MNIST into the cache when it is not found (SHA-256 checked)")]
    public bool Download { get; set; }

    /// <summary>Mirror URL.</summary>
    [CommandOption("--mirror <URL>")]
    [Description("download mirror (default $STEEPEST_MNIST_MIRROR or https://ossci-datasets.s3.amazonaws.com/mnist/)")]
    public string? Mirror { get; set; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("seed of initialization and shuffling (default 0)")]
    public ulong Seed { get; set; }

    /// <summary>Workers.</summary>
    [CommandOption("--workers <N>")]
    [Description("data-parallel workers (default 1)")]
    public int Workers { get; set; } = 1;

    /// <summary>Strategy.</summary>
    [CommandOption("--strategy <S>")]
    [Description("ring, all-to-all, parameter-server, halving-doubling or sign (default ring)")]
    public string Strategy { get; set; } = "ring";

    /// <summary>Error feedback for sign.</summary>
    [CommandOption("--error-feedback")]
    [Description("sign: keep each worker's compression error")]
    public bool ErrorFeedback { get; set; }

    /// <summary>Testing aid: make this worker throw in the middle of the second epoch (or evaluation round).</summary>
    [CommandOption("--inject-failure <RANK>", IsHidden = true)]
    public int? InjectFailure { get; set; }

    /// <summary>Backend.</summary>
    [CommandOption("--backend <B>")]
    [Description("inproc (threads, default) or mpi (run under mpirun)")]
    public string Backend { get; set; } = "inproc";

    /// <summary>Training subset.</summary>
    [CommandOption("--limit <N>")]
    [Description("train on the first N examples only")]
    public int? Limit { get; set; }

    /// <summary>Test subset.</summary>
    [CommandOption("--test-limit <N>")]
    [Description("evaluate on the first N test examples only")]
    public int? TestLimit { get; set; }

    /// <summary>JSONL log.</summary>
    [CommandOption("--log <FILE>")]
    [Description("write one JSON object per evaluation (epoch, or --eval-every steps) to FILE (appended when resuming)")]
    public string? Log { get; set; }

    /// <summary>Curves plot.</summary>
    [CommandOption("--plot <FILE>")]
    [Description("write a PNG of loss and accuracy against epoch (or step, for text)")]
    public string? Plot { get; set; }

    /// <summary>Checkpoint folder.</summary>
    [CommandOption("--save <DIR>")]
    [Description("write a checkpoint (model, optimizer state, progress) to DIR after every evaluation")]
    public string? Save { get; set; }

    /// <summary>Resume folder.</summary>
    [CommandOption("--resume <DIR>")]
    [Description("continue from the checkpoint in DIR (same settings; --epochs or --steps is the total)")]
    public string? Resume { get; set; }

    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object at the end instead of progress and tables")]
    public bool Json { get; set; }

    /// <summary>A shallow copy (a sweep makes one per grid point).</summary>
    public TrainSettings Clone() => (TrainSettings)MemberwiseClone();

    /// <summary>The ranges each option must lie in, checked by Spectre before the command runs (exit 2).</summary>
    public override ValidationResult Validate() => Ranges.First(
        Ranges.Outside(Batch, 1, 1 << 20, "--batch"),
        Ranges.Outside(Workers, 1, 256, "--workers"));
}
