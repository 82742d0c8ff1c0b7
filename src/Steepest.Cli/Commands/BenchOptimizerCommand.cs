using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Benchmarks;
using Steepest.Cli.Infrastructure;
using Steepest.Optimizers;
using Steepest.Optimizers.Precision;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest bench optimizer</c>: seconds per step and bytes/s of one optimizer, beside a memory-only kernel with the
/// same buffers and one add per value, and the STREAM triad, all in one process with the same threads.
/// </summary>
public sealed class BenchOptimizerCommand(CliOutput io) : Command<BenchOptimizerSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchOptimizerSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Optimizer)) throw new UsageException($"--optimizer is required ({string.Join(", ", OptimizerCatalogue.Names)})");
        if (settings.Params is null) throw new UsageException("--params is required");
        long n = settings.Params.Value;
        int threads = settings.Threads ?? Environment.ProcessorCount;
        int[] shape = [(int)n];
        if (settings.Rows is int rows)
        {
            if (rows < 1 || n % rows != 0) throw new UsageException($"--rows {rows} must divide --params {n}");
            shape = [rows, (int)(n / rows)];
        }
        var precision = TrainCommand.ParsePrecision(settings.StatePrecision);
        GradientTransform transform;
        try { transform = OptimizerCatalogue.Create(settings.Optimizer, new OptimizerSettings { StatePrecision = precision }); }
        catch (ArgumentException e) { throw new UsageException($"--optimizer: {e.Message}"); }

        var parameter = Buffers(shape, n);
        var optimizer = new Optimizer(transform, [parameter], new OptimizerOptions { Threads = threads });
        int? bytesPerParam = optimizer.FusedBytesPerValue;
        var buffers = new StateBuffers();
        optimizer.State.Visit(buffers, "state");
        double stateBytesPerParam = buffers.Total / (double)n;
        // A compressed state is timed against the fp32 fused step of the same recipe, in the same run, step for step.
        Optimizer? fp32 = precision == StatePrecision.Fp32 ? null
            : new Optimizer(OptimizerCatalogue.Create(settings.Optimizer), [Buffers(shape, n)], new OptimizerOptions { Threads = threads });

        // The reference touches the same number of buffers as the fused kernel: (bytes/4 − 1)/2 written, plus g read.
        // Compressed moments get theirs with the same bytes: θ, g, and byte buffers as long as the state's codes.
        int written = bytesPerParam is int b && fp32 is null ? (b / 4 - 1) / 2 : 0;
        float[][] targets = Enumerable.Range(0, written).Select(_ => new float[n]).ToArray();
        byte[][] stateBytes = bytesPerParam is null || fp32 is null ? [] : buffers.ByteLengths.Select(length => new byte[length]).ToArray();
        float[] stateTarget = stateBytes.Length > 0 ? new float[n] : [];
        bool referenced = written > 0 || stateBytes.Length > 0;
        // Per value: θ read and written, g read, each state's bytes per value read and written.
        double referenceBytes = written > 0 ? (1 + 2 * written) * 4.0 : 12.0 + 2.0 * stateBytes.Sum(s => (double)s.Length) / n;
        float[] triadA = new float[n], triadB = new float[n], triadC = new float[n];

        void Step() => optimizer.Step();
        void Fp32Step() => fp32!.Step();
        void Reference()
        {
            if (written > 0) BandwidthReference.AddToAll(parameter.Gradient, targets, threads);
            else BandwidthReference.AddToBytes(parameter.Gradient, stateTarget, stateBytes, threads);
        }
        void Triad() => BandwidthReference.Triad(triadA, triadB, triadC, 0.5f, threads);

        for (int warm = 0; warm < 2; warm++) { Step(); if (referenced) Reference(); if (fp32 is not null) Fp32Step(); Triad(); }
        var stepTimes = new List<double>();
        var fp32Times = new List<double>();
        var referenceTimes = new List<double>();
        var triadTimes = new List<double>();
        for (int r = 0; r < settings.Repeat; r++)
        {
            stepTimes.Add(Timing.Seconds(Step));
            if (referenced) referenceTimes.Add(Timing.Seconds(Reference));
            if (fp32 is not null) fp32Times.Add(Timing.Seconds(Fp32Step));
            triadTimes.Add(Timing.Seconds(Triad));
        }
        double secondsPerStep = Timing.Median(stepTimes);
        double? bytesPerSecond = bytesPerParam is int bp ? bp * (double)n / secondsPerStep : null;
        double? referenceSeconds = referenced ? Timing.Median(referenceTimes) : null;
        double? referenceBytesPerSecond = referenceBytes * n / referenceSeconds;
        double triadBytesPerSecond = 12.0 * n / Timing.Median(triadTimes);
        double? ratio = bytesPerSecond / referenceBytesPerSecond;
        double? fp32Seconds = fp32 is null ? null : Timing.Median(fp32Times);
        double? ratioToFp32 = secondsPerStep / fp32Seconds;
        // The ratio to fp32 that a step doing nothing but move the compressed state's bytes would reach.
        double? referenceRatioToFp32 = referenceSeconds / fp32Seconds;

        if (settings.Json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.WriteString("optimizer", settings.Optimizer.Trim().ToLowerInvariant());
                w.WriteNumber("params", n);
                w.WriteNumber("threads", threads);
                w.WriteNumber("secondsPerStep", secondsPerStep);
                Nullable(w, "bytesPerParam", bytesPerParam);
                Nullable(w, "bytesPerSecond", bytesPerSecond);
                Nullable(w, "referenceBytesPerSecond", referenceBytesPerSecond);
                Nullable(w, "ratioToReference", ratio is double rt ? Math.Round(rt, 4) : null);
                w.WriteNumber("triadBytesPerSecond", triadBytesPerSecond);
                w.WriteString("statePrecision", precision.Name());
                w.WriteNumber("stateBytesPerParam", Math.Round(stateBytesPerParam, 4));
                Nullable(w, "fp32SecondsPerStep", fp32Seconds);
                Nullable(w, "ratioToFp32", ratioToFp32 is double rf ? Math.Round(rf, 4) : null);
                Nullable(w, "referenceRatioToFp32", referenceRatioToFp32 is double rr ? Math.Round(rr, 4) : null);
                w.WriteString("plan", optimizer.Plan);
                w.WriteNumber("repeat", settings.Repeat);
                w.WriteEndObject();
            }));
            return CliHost.Success;
        }
        var table = new Table().AddColumns("optimizer", "params", "threads", "ms/step", "bytes/param", "GB/s", "reference GB/s", "ratio", "triad GB/s");
        table.AddRow(Markup.Escape(settings.Optimizer), $"{n:N0}", $"{threads}", $"{secondsPerStep * 1e3:F2}", bytesPerParam?.ToString() ?? "n/a",
            bytesPerSecond is double bps ? $"{bps / 1e9:F2}" : "n/a", referenceBytesPerSecond is double rbps ? $"{rbps / 1e9:F2}" : "n/a",
            ratio is double r2 ? $"{r2:F3}" : "n/a", $"{triadBytesPerSecond / 1e9:F2}");
        io.Console.Write(table);
        io.Console.WriteLine($"state: {precision.Name()}, {stateBytesPerParam:0.###} bytes per parameter");
        if (fp32Seconds is double f)
            io.Console.WriteLine($"fp32 state, same recipe: {f * 1e3:F2} ms/step; {precision.Name()} / fp32 = {ratioToFp32:F3}"
                + (referenceRatioToFp32 is double floor ? $"; moving only the {precision.Name()} step's bytes / fp32 = {floor:F3}" : ""));
        io.Console.WriteLine($"plan: {optimizer.Plan}");
        string reference = fp32 is null ? "the same buffers with one add per value" : "θ, g and the state's bytes, one add per value and per byte";
        io.Console.WriteLine($"median of {settings.Repeat} steps; reference: {reference}; triad: a = b + s·c at 12 bytes per value");
        return CliHost.Success;
    }

    /// <summary>θ in [−0.5, 0.5) and g small, from a fixed seed: every run steps the same numbers.</summary>
    private static Parameter Buffers(int[] shape, long n)
    {
        var parameter = new Parameter("weights", shape, shape.Length == 2 ? ParameterKind.Linear : ParameterKind.Other);
        var random = new Random(1);
        for (long i = 0; i < n; i++)
        {
            parameter.Value[i] = (float)(random.NextDouble() - 0.5);
            parameter.Gradient[i] = (float)(random.NextDouble() - 0.5) * 1e-3f;
        }
        return parameter;
    }

    /// <summary>What the optimizer's state visitor sees: its bytes in all, and the length of each byte buffer (codes, halves).</summary>
    private sealed class StateBuffers : IStateVisitor
    {
        public long Total { get; private set; }
        public List<int> ByteLengths { get; } = [];
        public void Buffer(string name, float[] values) => Total += 4L * values.Length;
        public void Bytes(string name, byte[] values)
        {
            Total += values.Length;
            ByteLengths.Add(values.Length);
        }
        public void Counter(string name, ref long value) { }
    }

    private static void Nullable(System.Text.Json.Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
