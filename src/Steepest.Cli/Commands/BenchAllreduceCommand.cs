using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;
using Steepest.Distributed.Reducers;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest bench allreduce</c>: our ring and halving-doubling, and MPI_Allreduce under MPI, timed in the same run.
/// algbw = bytes/time and busbw = algbw·2(n−1)/n, as nccl-tests define them. Beside each of ours, the contention
/// model's prediction, calibrated on the same ranks before the sizes run.
/// </summary>
public sealed class BenchAllreduceCommand(CliOutput io) : Command<BenchAllreduceSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchAllreduceSettings settings, CancellationToken cancellationToken)
    {
        string backend = settings.Backend.Trim().ToLowerInvariant();
        if (backend is not ("inproc" or "mpi")) throw new UsageException($"--backend must be inproc or mpi, got '{settings.Backend}'");
        long[] sizes = SizeParsing.Bytes(settings.Sizes, "--sizes");
        if (sizes.Any(b => b < 4 || b > 1L << 30)) throw new UsageException("--sizes must be between 4 bytes and 1G (fp32 values)");
        sizes = [.. sizes.Select(b => b / 4 * 4)]; // whole fp32 values: the bytes reported are the bytes reduced
        int? warmup = settings.Warmup;
        var rows = new List<(string Strategy, int Ranks, long Bytes, double Seconds, double Model)>();
        string[] ours = ["ring", "halving-doubling"];
        if (backend == "inproc")
        {
            int ranks = settings.Ranks ?? 4;
            if (ranks < 2 || ranks > 256) throw new UsageException($"--ranks must be between 2 and 256, got {ranks}");
            var model = InProcessGroup.Run(ranks, comm => AlphaBetaModel.Measure(comm))[0];
            foreach (long bytes in sizes)
            {
                var (seconds, predicted) = InProcessGroup.Run(ranks, comm =>
                {
                    IGradientReducer[] reducers = [.. ours.Select(s => GradientReducers.Create(s, comm))];
                    var times = AllReduceBenchmark.Run(comm, reducers, (int)(bytes / 4), warmup ?? 2, settings.Repeat);
                    return (times, reducers.Select(r => model.Predict(r.Plan((int)(bytes / 4)))).ToArray());
                })[0];
                for (int k = 0; k < ours.Length; k++) rows.Add((ours[k], ranks, bytes, seconds![k], predicted[k]));
            }
        }
        else
        {
            if (settings.Ranks is not null) throw new UsageException("--ranks is for --backend inproc; mpirun -np N sets the ranks");
            var comm = MpiRuntime.Initialize();
            if (comm.Size < 2) throw new UsageException("--backend mpi needs at least 2 ranks: run under mpirun -np N");
            // MPI_Allreduce's bare sum is the reference; our reducers' averages are checked against it times n.
            var model = AlphaBetaModel.Measure(comm);
            IGradientReducer[] reducers = [new MpiNativeAllReduce(comm, divide: false), .. ours.Select(s => GradientReducers.Create(s, comm))];
            float[] scale = [1f, .. ours.Select(_ => (float)comm.Size)];
            foreach (long bytes in sizes)
            {
                var seconds = AllReduceBenchmark.Run(comm, reducers, (int)(bytes / 4), warmup ?? 2, settings.Repeat, scale);
                if (seconds is null) continue;
                for (int k = 1; k < reducers.Length; k++) rows.Add((reducers[k].Name, comm.Size, bytes, seconds[k], model.Predict(reducers[k].Plan((int)(bytes / 4)))));
                rows.Add(("mpi-allreduce", comm.Size, bytes, seconds[0], double.NaN)); // its algorithm is MPI's own: nothing to price
            }
            if (comm.Rank != 0) return CliHost.Success;
        }

        double Busbw(double algbw, int n) => algbw * 2 * (n - 1) / n;
        if (settings.Json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartArray();
                foreach (var r in rows)
                {
                    double algbw = r.Bytes / r.Seconds;
                    w.WriteStartObject();
                    w.WriteString("backend", backend);
                    w.WriteString("strategy", r.Strategy);
                    w.WriteNumber("ranks", r.Ranks);
                    w.WriteNumber("bytes", r.Bytes);
                    w.Number("seconds", r.Seconds);
                    w.Number("algbw", algbw);
                    w.Number("busbw", Busbw(algbw, r.Ranks));
                    w.Number("modelSeconds", r.Model);
                    w.Number("modelBusbw", Busbw(r.Bytes / r.Model, r.Ranks));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
            return CliHost.Success;
        }
        var table = new Table().AddColumns("bytes", "strategy", "ranks", "time (µs)", "algbw (GB/s)", "busbw (GB/s)", "model (µs)", "model busbw (GB/s)", "model/measured");
        foreach (var r in rows)
        {
            double algbw = r.Bytes / r.Seconds;
            bool priced = double.IsFinite(r.Model);
            table.AddRow($"{r.Bytes:N0}", r.Strategy, $"{r.Ranks}", $"{r.Seconds * 1e6:F1}", $"{algbw / 1e9:F3}", $"{Busbw(algbw, r.Ranks) / 1e9:F3}",
                priced ? $"{r.Model * 1e6:F1}" : "n/a", priced ? $"{Busbw(r.Bytes / r.Model, r.Ranks) / 1e9:F3}" : "n/a", priced ? $"{r.Model / r.Seconds:F2}" : "n/a");
        }
        io.Console.Write(table);
        io.Console.WriteLine($"{(backend == "mpi" ? $"MPI ({MpiRuntime.Flavor})" : "in-process")}; median of {settings.Repeat} interleaved rounds, each the slowest rank's time; busbw = algbw·2(n−1)/n (nccl-tests)");
        return CliHost.Success;
    }
}
