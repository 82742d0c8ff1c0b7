using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;

namespace Steepest.Cli.Commands;

/// <summary>
/// <c>steepest bench allreduce</c>: our ring and halving-doubling, and MPI_Allreduce under MPI, timed in the same run.
/// algbw = bytes/time and busbw = algbw·2(n−1)/n, as nccl-tests define them.
/// </summary>
public sealed class BenchAllreduceCommand(CliOutput io) : Command<BenchAllreduceSettings>
{
    private static readonly AlphaBetaModel NoModel = new(0, 0, 0);

    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchAllreduceSettings settings, CancellationToken cancellationToken)
    {
        string backend = settings.Backend.Trim().ToLowerInvariant();
        if (backend is not ("inproc" or "mpi")) throw new UsageException($"--backend must be inproc or mpi, got '{settings.Backend}'");
        long[] sizes = SizeParsing.Bytes(settings.Sizes, "--sizes");
        if (sizes.Any(b => b < 4 || b > 1L << 30)) throw new UsageException("--sizes must be between 4 bytes and 1G (fp32 values)");
        if (settings.Repeat < 1 || settings.Repeat > 10000) throw new UsageException($"--repeat must be between 1 and 10000, got {settings.Repeat}");
        var rows = new List<(string Strategy, int Ranks, long Bytes, double Seconds)>();
        if (backend == "inproc")
        {
            int ranks = settings.Ranks ?? 4;
            if (ranks < 2 || ranks > 256) throw new UsageException($"--ranks must be between 2 and 256, got {ranks}");
            foreach (long bytes in sizes)
                foreach (string strategy in (string[])["ring", "halving-doubling"])
                {
                    var m = InProcessGroup.Run(ranks, comm => ReductionExperiment.RunCollective(comm, strategy, (int)(bytes / 4), NoModel, settings.Repeat))[0]!;
                    rows.Add((strategy, ranks, bytes, m.Seconds));
                }
        }
        else
        {
            if (settings.Ranks is not null) throw new UsageException("--ranks is for --backend inproc; mpirun -np N sets the ranks");
            var comm = MpiRuntime.Initialize();
            if (comm.Size < 2) throw new UsageException("--backend mpi needs at least 2 ranks: run under mpirun -np N");
            foreach (long bytes in sizes)
            {
                int p = (int)(bytes / 4);
                foreach (string strategy in (string[])["ring", "halving-doubling"])
                    rows.Add((strategy, comm.Size, bytes, ReductionExperiment.RunCollective(comm, strategy, p, NoModel, settings.Repeat)?.Seconds ?? 0));
                rows.Add(("mpi-allreduce", comm.Size, bytes,
                    ReductionExperiment.RunCollective(comm, "mpi-allreduce", p, NoModel, settings.Repeat, reducerFactory: c => new MpiNativeAllReduce(c))?.Seconds ?? 0));
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
                    double algbw = (r.Bytes / 4 * 4) / r.Seconds;
                    w.WriteStartObject();
                    w.WriteString("backend", backend);
                    w.WriteString("strategy", r.Strategy);
                    w.WriteNumber("ranks", r.Ranks);
                    w.WriteNumber("bytes", r.Bytes / 4 * 4);
                    w.Number("seconds", r.Seconds);
                    w.Number("algbw", algbw);
                    w.Number("busbw", Busbw(algbw, r.Ranks));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
            return CliHost.Success;
        }
        var table = new Table().AddColumns("bytes", "strategy", "ranks", "time (µs)", "algbw (GB/s)", "busbw (GB/s)");
        foreach (var r in rows)
        {
            double algbw = (r.Bytes / 4 * 4) / r.Seconds;
            table.AddRow($"{r.Bytes:N0}", r.Strategy, $"{r.Ranks}", $"{r.Seconds * 1e6:F1}", $"{algbw / 1e9:F3}", $"{Busbw(algbw, r.Ranks) / 1e9:F3}");
        }
        io.Console.Write(table);
        io.Console.WriteLine($"{(backend == "mpi" ? $"MPI ({MpiRuntime.Flavor})" : "in-process")}; median of {settings.Repeat} all-reduces, each the slowest rank's time; busbw = algbw·2(n−1)/n (nccl-tests)");
        return CliHost.Success;
    }
}
