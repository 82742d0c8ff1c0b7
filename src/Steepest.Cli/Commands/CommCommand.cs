using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Presenters;
using Steepest.Cli.Plots;
using Steepest.Distributed;
using Steepest.Distributed.Mpi;
using Steepest.Distributed.Reducers;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest comm</c>: problem 5, run for real: each strategy counted, timed, modeled and verified.</summary>
public sealed class CommCommand(CliOutput io) : Command<CommSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, CommSettings settings, CancellationToken cancellationToken)
    {
        string backend = settings.Backend.Trim().ToLowerInvariant();
        if (backend == "mpi") return RunMpi(settings);
        if (backend != "inproc") throw new UsageException($"--backend must be inproc or mpi, got '{settings.Backend}'");
        if (settings.Calibrate) return Calibrate(settings, ValidateCalibration(settings), "in-process transport");
        var request = Validate(settings);
        var plans = Plans(request.Strategies, _ => request.Workers, request.Parameters);
        var model = InProcessGroup.Run(Math.Max(2, request.Workers), comm => Calibrate(comm, plans), request.Timeout)[0];
        var rows = request.Strategies
            .Select(s => ReductionExperiment.Run(s, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed,
                settings.ErrorFeedback, request.Timeout, settings.InjectFailure))
            .ToList();
        if (request.PlotPath is not null)
            CommunicationPlot.Save(request.PlotPath, request.Strategies, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed, settings.ErrorFeedback, request.Timeout, rows);
        if (settings.Json) io.Out.WriteLine(ReductionPresenter.Document(rows, model, "inproc"));
        else ReductionPresenter.WriteTable(io, rows, model, request.PlotPath, "in-process transport");
        return CliHost.Success;
    }

    /// <summary>
    /// Under mpirun: every rank runs every strategy over MPI point-to-point, then MPI_Allreduce as the reference; rank 0
    /// prints, the others stay silent. The parameter server uses the last rank as its server.
    /// </summary>
    private int RunMpi(CommSettings settings)
    {
        if (settings.Plot is not null) throw new UsageException("--plot sweeps the number of workers, which mpirun fixes; leave it out with --backend mpi");
        if (settings.Calibrate)
        {
            var world = MpiRuntime.Initialize();
            if (world.Size < 2) throw new UsageException("--backend mpi needs at least 2 ranks: run under mpirun -np N");
            if (settings.Workers is int ranks && ranks != world.Size)
                throw new UsageException($"--workers {ranks} does not match the {world.Size} ranks mpirun started");
            var fitted = AlphaBetaModel.Measure(world);
            return world.Rank == 0 ? Print(settings, fitted, world.Size, $"MPI ({MpiRuntime.Flavor})") : CliHost.Success;
        }
        var strategies = Strategies(settings.Strategy);
        if (settings.Params is null) throw new UsageException("--params is required (p ≥ 1)");
        var comm = MpiRuntime.Initialize();
        if (comm.Size < 2) throw new UsageException("--backend mpi needs at least 2 ranks: run under mpirun -np N");
        if (settings.Workers is int workers && workers != comm.Size)
            throw new UsageException($"--workers {workers} does not match the {comm.Size} ranks mpirun started");
        int p = settings.Params.Value;
        var model = Calibrate(comm, Plans(strategies, s => GradientReducers.WorkersFor(s, comm.Size), p));
        var rows = strategies.Select(s => ReductionExperiment.RunCollective(comm, s, p, model, settings.Repeat, settings.Seed, settings.ErrorFeedback, settings.InjectFailure)).ToList();
        rows.Add(ReductionExperiment.RunCollective(comm, "mpi-allreduce", p, model, settings.Repeat, settings.Seed, reducerFactory: c => new MpiNativeAllReduce(c)));
        if (comm.Rank != 0) return CliHost.Success;
        var measured = rows.Select(r => r!).ToList();
        if (settings.Json) io.Out.WriteLine(ReductionPresenter.Document(measured, model, "mpi"));
        else ReductionPresenter.WriteTable(io, measured, model, null, $"MPI ({MpiRuntime.Flavor}), {comm.Size} ranks");
        return CliHost.Success;
    }

    private static string[] Strategies(string text)
    {
        string strategy = text.Trim().ToLowerInvariant();
        return strategy == "all" ? GradientReducers.Names.ToArray()
            : GradientReducers.IsKnown(strategy) ? [strategy]
            : throw new UsageException($"unknown --strategy '{text}'; known: all, {string.Join(", ", GradientReducers.Names)}");
    }

    private int Calibrate(CommSettings settings, int ranks, string transport) =>
        Print(settings, InProcessGroup.Run(ranks, comm => AlphaBetaModel.Measure(comm), TimeSpan.FromSeconds(settings.Timeout))[0], ranks, transport);

    private static int ValidateCalibration(CommSettings s)
    {
        int ranks = s.Workers ?? 4;
        if (ranks < 2 || ranks > 64) throw new UsageException($"--workers must be between 2 and 64 for --calibrate, got {ranks}");
        return ranks;
    }

    /// <summary>The fitted parameters, the measurements they were fitted to, and each measurement's fit.</summary>
    private int Print(CommSettings settings, AlphaBetaModel model, int ranks, string transport)
    {
        if (settings.Json)
        {
            io.Out.WriteLine(Json.Document(w =>
            {
                w.WriteStartObject();
                w.WriteString("backend", settings.Backend.Trim().ToLowerInvariant());
                w.WriteNumber("ranks", ranks);
                ReductionPresenter.WriteModel(w, model);
                w.WriteEndObject();
            }));
            return CliHost.Success;
        }
        io.Console.WriteLine($"cost model calibrated on the {transport}, {ranks} ranks");
        var transfers = new Table().AddColumns("k", "pattern", "empty µs", "4 MiB µs", "slowdown", "fit");
        foreach (var sample in model.Samples)
            transfers.AddRow($"{sample.Concurrent}", sample.Pattern, $"{sample.LatencySeconds * 1e6:F2}", $"{sample.Seconds * 1e6:F0}",
                $"{sample.Slowdown:F2}", $"{model.Contention(sample.Concurrent):F2}");
        io.Console.Write(transfers);
        var rates = new Table().AddColumns("working set", "β ns/byte", "GB/s", "λ ns/byte", "γ ns/addition");
        foreach (var rate in model.Rates)
            rates.AddRow($"{rate.Bytes >> 20} MiB", $"{rate.Beta * 1e9:F4}", $"{1 / rate.Beta / 1e9:F1}", $"{rate.Copy * 1e9:F4}", $"{rate.Gamma * 1e9:F3}");
        io.Console.Write(rates);
        io.Console.WriteLine(ReductionPresenter.ModelLine(model));
        return CliHost.Success;
    }

    private sealed record Request(int Workers, int Parameters, string[] Strategies, TimeSpan Timeout, string? PlotPath);

    private static Request Validate(CommSettings s)
    {
        if (s.Workers is null) throw new UsageException("--workers is required (n ≥ 2)");
        if (s.Params is null) throw new UsageException("--params is required (p ≥ 1)");
        if (s.Workers < 2 || s.Workers > 256) throw new UsageException($"--workers must be between 2 and 256, got {s.Workers}");
        string[] strategies = Strategies(s.Strategy);
        long memory = (long)s.Workers.Value * s.Params.Value * 4 * 4;
        if (memory > 8L << 30) throw new UsageException($"{s.Workers} workers × {s.Params} values need about {memory >> 20} MiB; the limit is 8192 MiB");
        if (s.InjectFailure is int bad && (bad < 0 || bad >= s.Workers)) throw new UsageException($"--inject-failure must name a worker in 0..{s.Workers - 1}");
        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        return new Request(s.Workers.Value, s.Params.Value, strategies, TimeSpan.FromSeconds(s.Timeout), plot);
    }

    /// <summary>
    /// The contention model calibrated on the ranks the strategies run on, at the sizes their plans have: contention
    /// with their largest message and within [64 MiB, 512 MiB] of working set, rates up to the plans' largest working
    /// set, so a reduction that streams from memory is priced by memory's speed and contention, not a cache's.
    /// </summary>
    private static AlphaBetaModel Calibrate(ICommunicator comm, IReadOnlyList<CommunicationPlan> plans) =>
        AlphaBetaModel.Measure(comm, largeBytes: ContentionCalibration.MessageBytesFor(plans),
            largestWorkingSet: ContentionCalibration.RateWorkingSetFor(plans),
            contentionWorkingSet: ContentionCalibration.ContentionWorkingSetFor(plans));

    private static CommunicationPlan[] Plans(IEnumerable<string> strategies, Func<string, int> workers, int parameters) =>
        [.. strategies.Select(s => GradientReducers.Plan(s, workers(s), parameters))];

}
