using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Benchmarks;
using Steepest.Cli.Infrastructure;
using Steepest.LinearAlgebra;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest bench gemm</c>: GFLOP/s of our SGEMM beside the system OpenBLAS on the same matrices, in one process.</summary>
public sealed class BenchGemmCommand(CliOutput io) : Command<BenchGemmSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchGemmSettings settings, CancellationToken cancellationToken)
    {
        var (m, n, k) = Dimensions(settings);
        int threads = settings.Threads ?? Environment.ProcessorCount;
        var kernel = settings.Kernel.ToLowerInvariant() switch
        {
            "auto" => GemmKernel.Auto,
            "vector512" => GemmKernel.Vector512,
            "vector256" => GemmKernel.Vector256,
            "scalar" => GemmKernel.Scalar,
            _ => throw new UsageException($"--kernel must be auto, vector512, vector256 or scalar, got '{settings.Kernel}'"),
        };
        // Without the hardware, .NET emulates the vector type in software: a benchmark of that would measure the emulation.
        if (kernel == GemmKernel.Vector512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            throw new UsageException("--kernel vector512: this CPU has no AVX-512, so Vector512 would run emulated; use auto, vector256 or scalar");
        if (kernel == GemmKernel.Vector256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            throw new UsageException("--kernel vector256: this CPU has no AVX2, so Vector256 would run emulated; use auto or scalar");

        var random = new Random(1);
        float[] a = Random(random, (long)m * k), b = Random(random, (long)k * n), c = new float[(long)m * n];
        var options = new GemmOptions { Threads = threads, Kernel = kernel };
        void Ours() => Gemm.Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(a, m, k), new ReadOnlyMatrixSpan<float>(b, k, n), 0f, new MatrixSpan<float>(c, m, n), options);

        var blas = OpenBlas.TryLoad();
        blas?.SetThreads(threads);
        void Theirs() => blas!.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);

        // Ours first, then the BLAS: OpenBLAS's pthreads keep spinning for a while after each call and would steal a
        // core from our next run if the two alternated. Each side gets one warm-up (JIT, page faults).
        var ourTimes = new List<double>();
        var blasTimes = new List<double>();
        Ours();
        for (int r = 0; r < settings.Repeat; r++) ourTimes.Add(Timing.Seconds(Ours));
        if (blas is not null)
        {
            Theirs();
            for (int r = 0; r < settings.Repeat; r++) blasTimes.Add(Timing.Seconds(Theirs));
        }

        double flops = 2.0 * m * n * k;
        double gflops = flops / Timing.Median(ourTimes) / 1e9;
        double? blasGflops = blas is null ? null : flops / Timing.Median(blasTimes) / 1e9;
        double? ratio = blasGflops is null ? null : gflops / blasGflops;

        if (settings.Json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("m", m); w.WriteNumber("n", n); w.WriteNumber("k", k); w.WriteNumber("threads", threads);
                w.WriteNumber("gflops", Math.Round(gflops, 3));
                if (blasGflops is double bg) w.WriteNumber("blasGflops", Math.Round(bg, 3)); else w.WriteNull("blasGflops");
                if (ratio is double rt) w.WriteNumber("ratioToBlas", Math.Round(rt, 4)); else w.WriteNull("ratioToBlas");
                w.WriteNumber("repeat", settings.Repeat);
                w.WriteString("kernel", settings.Kernel.ToLowerInvariant());
                w.WriteString("blas", blas?.Description);
                w.WriteEndObject();
            }));
            return CliHost.Success;
        }

        var table = new Table().AddColumns("m×n×k", "threads", "Steepest GFLOP/s", "OpenBLAS GFLOP/s", "ratio");
        table.AddRow($"{m}×{n}×{k}", threads.ToString(), $"{gflops:F1}", blasGflops is double g2 ? $"{g2:F1}" : "n/a", ratio is double r2 ? $"{r2:F3}" : "n/a");
        io.Console.Write(table);
        io.Console.WriteLine($"median of {settings.Repeat} runs each after a warm-up; reference: {(blas is null ? "none (install libopenblas0 to compare)" : blas.Description)}");
        return CliHost.Success;
    }

    private static (int M, int N, int K) Dimensions(BenchGemmSettings s)
    {
        int? m = s.M ?? s.Size, n = s.N ?? s.Size, k = s.K ?? s.Size;
        if (m is null || n is null || k is null) throw new UsageException("give --size N, or all of --m, --n and --k");
        // Name the option the user typed: a dimension given by --size is --size's fault.
        foreach (var (name, own, value) in new[] { ("m", s.M, m.Value), ("n", s.N, n.Value), ("k", s.K, k.Value) })
            if (value < 1 || value > 65536) throw new UsageException($"--{(own is null ? "size" : name)} must be between 1 and 65536, got {value}");
        long elements = (long)m.Value * k.Value + (long)k.Value * n.Value + (long)m.Value * n.Value;
        if (elements > 1L << 30) throw new UsageException($"{m}×{n}×{k} needs {elements * 4 / (1 << 20)} MiB of matrices; the limit is 4096 MiB");
        return (m.Value, n.Value, k.Value);
    }

    private static float[] Random(Random random, long length)
    {
        var values = new float[length];
        for (long i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
