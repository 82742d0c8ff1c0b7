using System.Globalization;

namespace Steepest.Optimizers.Schedules;

/// <summary>A learning rate as a function of the step count t = 0, 1, 2, … (the number of updates already applied).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>η(t).</summary>
    public abstract double At(long step);

    /// <summary>A short description, e.g. "cosine(0.001 → 0 over 1000)".</summary>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>η(t) = η₀.</summary>
    public static LearningRateSchedule Constant(double rate)
    {
        Hyperparameter.Positive(rate, nameof(rate));
        return new FunctionSchedule($"constant({F(rate)})", _ => rate, rate);
    }

    /// <summary>η(t) = η₀·γ^⌊t/every⌋ (PyTorch StepLR).</summary>
    public static LearningRateSchedule StepDecay(double rate, long every, double gamma)
    {
        Hyperparameter.Positive(rate, nameof(rate));
        Hyperparameter.Horizon(every, nameof(every));
        Hyperparameter.Positive(gamma, nameof(gamma));
        return new FunctionSchedule($"step({F(rate)}, ×{F(gamma)} every {every})", t => rate * Math.Pow(gamma, t / every), rate);
    }

    /// <summary>η(t) = η_min + ½(η₀ − η_min)(1 + cos(π·min(t, T)/T)) (cosine annealing over T steps).</summary>
    public static LearningRateSchedule Cosine(double rate, long totalSteps, double minimum = 0)
    {
        Hyperparameter.Positive(rate, nameof(rate));
        Hyperparameter.Horizon(totalSteps, nameof(totalSteps));
        Hyperparameter.NonNegative(minimum, nameof(minimum));
        return new FunctionSchedule($"cosine({F(rate)} → {F(minimum)} over {totalSteps})",
            t => minimum + 0.5 * (rate - minimum) * (1 + Math.Cos(Math.PI * Math.Min(t, totalSteps) / totalSteps)), rate);
    }

    /// <summary>η(t) = (t + 1)/W·after(0) for t &lt; W, then after(t − W): linear warm-up into another schedule.</summary>
    public static LearningRateSchedule WarmUp(long warmupSteps, LearningRateSchedule after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (warmupSteps < 0) throw new InvalidHyperparameterException(nameof(warmupSteps), warmupSteps, "≥ 0");
        return new FunctionSchedule($"warmup({warmupSteps}) then {after.Name}",
            t => t < warmupSteps ? (t + 1.0) / warmupSteps * after.At(0) : after.At(t - warmupSteps), after.At(0));
    }

    /// <summary>η(t) = η₀/(1 + t/τ), the 1/t decay.</summary>
    public static LearningRateSchedule InverseTime(double rate, double tau)
    {
        Hyperparameter.Positive(rate, nameof(rate));
        Hyperparameter.Positive(tau, nameof(tau));
        return new FunctionSchedule($"1/t({F(rate)}, τ = {F(tau)})", t => rate / (1 + t / tau), rate);
    }

    /// <summary>η(t) = η₀/√(t + 1).</summary>
    public static LearningRateSchedule InverseSqrt(double rate)
    {
        Hyperparameter.Positive(rate, nameof(rate));
        return new FunctionSchedule($"1/√t({F(rate)})", t => rate / Math.Sqrt(t + 1.0), rate);
    }

    /// <summary>
    /// Parses "constant", "step:EVERY:GAMMA", "cosine:STEPS[:MIN]", "warmup:STEPS[:then]", "1/t:TAU", "1/sqrt" around
    /// a base rate (e.g. "warmup:100:cosine:5000"); a bare "cosine" spans <paramref name="totalSteps"/> when the caller knows the run's length.
    /// </summary>
    public static LearningRateSchedule Parse(string text, double rate, long? totalSteps = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Hyperparameter.Positive(rate, nameof(rate));
        try { return ParseValid(text, rate, totalSteps); }
        catch (InvalidHyperparameterException e) { throw new ArgumentException($"schedule '{text}': {e.Message}"); }
    }

    /// <summary>The spec as a run of <paramref name="totalSteps"/> steps runs it: a bare "cosine" becomes cosine:STEPS; any other spec stays.</summary>
    public static string ForRun(string text, long totalSteps)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() == "cosine" ? $"cosine:{totalSteps}" : text;
    }

    private static LearningRateSchedule ParseValid(string text, double rate, long? totalSteps)
    {
        string[] parts = text.Trim().ToLowerInvariant().Split(':');
        double Number(int i, string what) => i < parts.Length && double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new ArgumentException($"schedule '{text}': {what} is missing or not a number");
        return parts[0] switch
        {
            "constant" or "" => parts.Length == 1 ? Constant(rate) : throw new ArgumentException($"schedule '{text}': constant takes no arguments"),
            "step" => StepDecay(rate, (long)Number(1, "the step interval"), Number(2, "the decay factor")),
            "cosine" when parts.Length == 1 => Cosine(rate, totalSteps ?? throw new ArgumentException($"schedule '{text}': cosine needs its length here, cosine:STEPS (train spans the whole run with a bare cosine)")),
            "cosine" => Cosine(rate, (long)Number(1, "the number of steps"), parts.Length > 2 ? Number(2, "the minimum") : 0),
            "warmup" => WarmUp((long)Number(1, "the warm-up steps"), parts.Length > 2 ? Parse(string.Join(':', parts[2..]), rate) : Constant(rate)),
            "1/t" => InverseTime(rate, Number(1, "τ")),
            "1/sqrt" or "1/sqrt(t)" => InverseSqrt(rate),
            _ => throw new ArgumentException($"unknown schedule '{text}'; known: constant, cosine (over the whole run, in train), cosine:STEPS[:MIN], step:EVERY:GAMMA, warmup:STEPS[:SCHEDULE], 1/t:TAU, 1/sqrt"),
        };
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private sealed class FunctionSchedule(string name, Func<long, double> rule, double initial) : LearningRateSchedule
    {
        public override string Name => name;
        public override double At(long step) => step < 0 ? initial : rule(step);
    }
}
