using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Benchmarks;
using Steepest.Cli.Infrastructure;
using Steepest.LinearAlgebra;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest bench newton-schulz</c>: seconds per Muon orthogonalization, and its GFLOP/s counted as if every product
/// were a general SGEMM, beside a general SGEMM of the same shape timed in the same run. Two of each iteration's three
/// products are symmetric and computed as such, so the ratio can pass 1.
/// </summary>
public sealed class BenchNewtonSchulzCommand(CliOutput io) : Command<BenchNewtonSchulzSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchNewtonSchulzSettings settings, CancellationToken cancellationToken)
    {
        int rows = settings.Rows ?? throw new UsageException("--rows is required");
        int columns = settings.Cols ?? throw new UsageException("--cols is required");
        if ((long)rows * columns > 1L << 26) throw new UsageException($"--rows × --cols must be at most {1L << 26} values, got {(long)rows * columns}");
        int threads = settings.Threads ?? Environment.ProcessorCount;

        var random = new Random(1);
        var g = new float[rows * columns];
        for (int i = 0; i < g.Length; i++) g[i] = (float)(random.NextDouble() * 2 - 1);
        var result = new float[g.Length];
        var workspace = new NewtonSchulzWorkspace(rows, columns);
        var options = new GemmOptions { Threads = threads };
        void Orthogonalize() => NewtonSchulz.Orthogonalize(g, rows, columns, result, settings.Steps, workspace: workspace, options: options);

        // The reference: the iteration's first product, X·Xᵀ of the wide orientation, as one general SGEMM.
        int r = Math.Min(rows, columns), k = Math.Max(rows, columns);
        var gram = new float[(long)r * r];
        void General() => Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, new ReadOnlyMatrixSpan<float>(g, r, k), new ReadOnlyMatrixSpan<float>(g, r, k), 0f,
            new MatrixSpan<float>(gram, r, r), options);

        var nsTimes = new List<double>();
        var gemmTimes = new List<double>();
        Orthogonalize();
        General();
        // Interleaved rounds: drift on a shared machine hits both alike.
        for (int i = 0; i < settings.Repeat; i++)
        {
            nsTimes.Add(Timing.Seconds(Orthogonalize));
            gemmTimes.Add(Timing.Seconds(General));
        }
        double seconds = Timing.Median(nsTimes);
        // Per iteration: A = X·Xᵀ (2r²k), A·A (2r³), (bA + cA²)·X (2r²k), each counted as a general SGEMM.
        double flops = settings.Steps * (4.0 * r * r * k + 2.0 * r * r * r);
        double effective = flops / seconds / 1e9;
        double gemm = 2.0 * r * r * k / Timing.Median(gemmTimes) / 1e9;
        double ratio = effective / gemm;

        if (settings.Json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("rows", rows);
                w.WriteNumber("cols", columns);
                w.WriteNumber("steps", settings.Steps);
                w.WriteNumber("threads", threads);
                w.Number("seconds", seconds);
                w.Number("effectiveGflops", effective);
                w.Number("gemmGflops", gemm);
                w.Number("ratioToGemm", ratio);
                w.WriteNumber("repeat", settings.Repeat);
                w.WriteEndObject();
            }));
            return CliHost.Success;
        }
        var table = new Table().AddColumns("matrix", "steps", "threads", "ms per orthogonalization", "effective GFLOP/s", "SGEMM GFLOP/s", "ratio");
        table.AddRow($"{rows}×{columns}", settings.Steps.ToString(), threads.ToString(), $"{seconds * 1e3:F2}", $"{effective:F1}", $"{gemm:F1}", $"{ratio:F3}");
        io.Console.Write(table);
        io.Console.WriteLine($"median of {settings.Repeat} interleaved runs each after a warm-up; effective GFLOP/s counts each of the {3 * settings.Steps} products as a general SGEMM; " +
            $"reference: our SGEMM of X·Xᵀ ({r}×{k} by {k}×{r}) with the same threads");
        return CliHost.Success;
    }
}
