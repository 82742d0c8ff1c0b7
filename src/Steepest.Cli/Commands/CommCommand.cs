using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
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
        var model = MeasureModel(request.Workers, request.Timeout);
        var rows = request.Strategies
            .Select(s => ReductionExperiment.Run(s, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed,
                settings.ErrorFeedback, request.Timeout, settings.InjectFailure))
            .ToList();
        if (request.PlotPath is not null)
            CommunicationPlot.Save(request.PlotPath, request.Strategies, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed, settings.ErrorFeedback, request.Timeout);
        if (settings.Json) io.Out.WriteLine(ToJson(rows, model, "inproc"));
        else WriteTable(rows, model, request.PlotPath, "in-process transport");
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
        if (settings.Params < 1 || settings.Params > 1 << 28) throw new UsageException($"--params must be between 1 and {1 << 28}, got {settings.Params}");
        if (settings.Repeat < 1 || settings.Repeat > 1000) throw new UsageException($"--repeat must be between 1 and 1000, got {settings.Repeat}");
        var comm = MpiRuntime.Initialize();
        if (comm.Size < 2) throw new UsageException("--backend mpi needs at least 2 ranks: run under mpirun -np N");
        if (settings.Workers is int workers && workers != comm.Size)
            throw new UsageException($"--workers {workers} does not match the {comm.Size} ranks mpirun started");
        var model = AlphaBetaModel.Measure(comm);
        int p = settings.Params.Value;
        var rows = strategies.Select(s => ReductionExperiment.RunCollective(comm, s, p, model, settings.Repeat, settings.Seed, settings.ErrorFeedback, settings.InjectFailure)).ToList();
        rows.Add(ReductionExperiment.RunCollective(comm, "mpi-allreduce", p, model, settings.Repeat, settings.Seed, reducerFactory: c => new MpiNativeAllReduce(c)));
        if (comm.Rank != 0) return CliHost.Success;
        var measured = rows.Select(r => r!).ToList();
        if (settings.Json) io.Out.WriteLine(ToJson(measured, model, "mpi"));
        else WriteTable(measured, model, null, $"MPI ({MpiRuntime.Flavor}), {comm.Size} ranks");
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
        if (!(s.Timeout > 0) || s.Timeout > 86400) throw new UsageException($"--timeout must be between 0 and 86400 seconds, got {s.Timeout}");
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
                WriteModel(w, model);
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
        io.Console.WriteLine(ModelLine(model));
        return CliHost.Success;
    }

    /// <summary>The fitted parameters in one line, as comm's table and --calibrate end with them.</summary>
    internal static string ModelLine(AlphaBetaModel model) =>
        $"model: α = {model.Alpha * 1e6:G3} µs per message, κ = {model.Parallelism:G3} streams at full speed, " +
        $"β = {model.Beta * 1e9:G3} ns per byte ({1 / model.Beta / 1e9:G3} GB/s) and γ = {model.Gamma * 1e9:G3} ns per addition from memory";

    /// <summary>The model's fields in JSON: α, β, γ, κ, the rates by working set and the contention samples.</summary>
    internal static void WriteModel(System.Text.Json.Utf8JsonWriter w, AlphaBetaModel model)
    {
        w.Number("alpha", model.Alpha);
        w.Number("beta", model.Beta);
        w.Number("gamma", model.Gamma);
        w.Number("kappa", model.Parallelism);
        w.WriteStartArray("rates");
        foreach (var rate in model.Rates)
        {
            w.WriteStartObject();
            w.WriteNumber("workingSetBytes", rate.Bytes);
            w.Number("beta", rate.Beta);
            w.Number("gamma", rate.Gamma);
            w.Number("copy", rate.Copy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("contention");
        foreach (var sample in model.Samples)
        {
            w.WriteStartObject();
            w.WriteNumber("k", sample.Concurrent);
            w.WriteString("pattern", sample.Pattern);
            w.Number("seconds", sample.Seconds);
            w.Number("slowdown", sample.Slowdown);
            w.Number("latency", sample.LatencySeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private sealed record Request(int Workers, int Parameters, string[] Strategies, TimeSpan Timeout, string? PlotPath);

    private static Request Validate(CommSettings s)
    {
        if (s.Workers is null) throw new UsageException("--workers is required (n ≥ 2)");
        if (s.Params is null) throw new UsageException("--params is required (p ≥ 1)");
        if (s.Workers < 2 || s.Workers > 256) throw new UsageException($"--workers must be between 2 and 256, got {s.Workers}");
        if (s.Params < 1 || s.Params > 1 << 28) throw new UsageException($"--params must be between 1 and {1 << 28}, got {s.Params}");
        if (s.Repeat < 1 || s.Repeat > 1000) throw new UsageException($"--repeat must be between 1 and 1000, got {s.Repeat}");
        if (!(s.Timeout > 0) || s.Timeout > 86400) throw new UsageException($"--timeout must be between 0 and 86400 seconds, got {s.Timeout}");
        string[] strategies = Strategies(s.Strategy);
        long memory = (long)s.Workers.Value * s.Params.Value * 4 * 4;
        if (memory > 8L << 30) throw new UsageException($"{s.Workers} workers × {s.Params} values need about {memory >> 20} MiB; the limit is 8192 MiB");
        if (s.InjectFailure is int bad && (bad < 0 || bad >= s.Workers)) throw new UsageException($"--inject-failure must name a worker in 0..{s.Workers - 1}");
        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        return new Request(s.Workers.Value, s.Params.Value, strategies, TimeSpan.FromSeconds(s.Timeout), plot);
    }

    /// <summary>The contention model calibrated on n in-process ranks (the transport the strategies run on): k = 1 … n concurrent transfers.</summary>
    private static AlphaBetaModel MeasureModel(int workers, TimeSpan timeout) =>
        InProcessGroup.Run(Math.Max(2, workers), comm => AlphaBetaModel.Measure(comm), timeout)[0];

    private void WriteTable(List<ReductionMeasurement> rows, AlphaBetaModel model, string? plotPath, string transport)
    {
        var first = rows[0];
        io.Console.WriteLine($"n = {first.Workers} workers, p = {first.Parameters:N0} values (fp32), {transport}");
        // Under MPI the parameter server's server is one of the ranks, so that row has one worker fewer than the rest.
        if (rows.FirstOrDefault(r => r.Workers != first.Workers) is { } fewer)
            io.Console.WriteLine($"{fewer.Strategy}: its server is rank {fewer.Workers}, so it has n = {fewer.Workers} worker{(fewer.Workers == 1 ? "" : "s")}");
        var table = new Table().AddColumns("paradigm", "messages sent", "formula", "values/message", "bytes/message",
            "total bytes", "bytes/worker", "busiest rank", "measured s", "model s", "model/measured", "max rel. error");
        foreach (var row in rows)
        {
            string values = row.MessageValuesMin == row.MessageValuesMax ? $"{row.MessageValuesMax:N0}" : $"{row.MessageValuesMin:N0}–{row.MessageValuesMax:N0}";
            string bytes = row.MessageBytesMin == row.MessageBytesMax ? $"{row.MessageBytesMax:N0}" : $"{row.MessageBytesMin:N0}–{row.MessageBytesMax:N0}";
            string messages = row.NonEmptyMessages == row.Messages ? $"{row.Messages:N0}" : $"{row.Messages:N0} ({row.NonEmptyMessages:N0} non-empty)";
            bool opaque = row.Strategy == "mpi-allreduce";
            table.AddRow(Markup.Escape(row.Strategy), opaque ? "n/a" : messages, Markup.Escape(opaque ? row.Plan.MessagesFormula : $"{row.Plan.MessagesFormula} = {row.Plan.Messages:N0}{(row.Workers != first.Workers ? $" (n = {row.Workers})" : "")}"),
                opaque ? "n/a" : values, opaque ? "n/a" : bytes, opaque ? "n/a" : $"{row.TotalBytes:N0}", opaque ? "n/a" : $"{row.BytesPerWorker:N0}", opaque ? "n/a" : $"{row.BusiestRankBytes:N0}",
                $"{row.Seconds:G3}", opaque ? "n/a" : $"{row.ModelSeconds:G3}", opaque ? "n/a" : $"{row.ModelSeconds / row.Seconds:F2}", $"{row.MaxRelativeError:G2}");
        }
        io.Console.Write(table);
        io.Console.WriteLine(ModelLine(model));
        io.Console.WriteLine("measured = median of the slowest rank; model = the contention model's price of the strategy's stages (docs/comm.md)");
        if (plotPath is not null) io.Console.WriteLine($"plot: {plotPath}");
    }

    private static string ToJson(List<ReductionMeasurement> rows, AlphaBetaModel model, string backend) => Json.Document(w =>
    {
        w.WriteStartArray();
        foreach (var row in rows)
        {
            w.WriteStartObject();
            WriteMeasurement(w, row);
            w.WriteString("backend", backend);
            WriteModel(w, model);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>The fields of one strategy's measurement, as comm's JSON and the tour's problem-5 rows give them.</summary>
    internal static void WriteMeasurement(System.Text.Json.Utf8JsonWriter w, ReductionMeasurement row)
    {
        w.WriteString("strategy", row.Strategy);
        w.WriteNumber("workers", row.Workers);
        w.WriteNumber("params", row.Parameters);
        w.WriteNumber("messages", row.Messages);
        w.WriteNumber("nonEmptyMessages", row.NonEmptyMessages);
        w.WriteString("messagesFormula", row.Plan.MessagesFormula);
        w.WriteNumber("messageValuesMin", row.MessageValuesMin);
        w.WriteNumber("messageValuesMax", row.MessageValuesMax);
        w.WriteNumber("messageBytesMin", row.MessageBytesMin);
        w.WriteNumber("messageBytesMax", row.MessageBytesMax);
        w.WriteNumber("totalBytes", row.TotalBytes);
        w.WriteNumber("bytesPerWorker", row.BytesPerWorker);
        w.WriteNumber("busiestRankBytes", row.BusiestRankBytes);
        w.Number("seconds", row.Seconds);
        w.Number("modelSeconds", row.ModelSeconds);
        w.Number("modelOverMeasured", row.ModelSeconds / row.Seconds);
        w.Number("maxRelativeError", row.MaxRelativeError);
        w.WriteString("resultFingerprint", row.ResultFingerprint.ToString("x16"));
        w.WriteNumber("ranks", row.Ranks);
    }
}
