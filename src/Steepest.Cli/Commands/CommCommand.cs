using Spectre.Console;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Distributed;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest comm</c>: problem 5, run for real: each strategy counted, timed, modeled and verified.</summary>
public sealed class CommCommand(CliOutput io) : Command<CommSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, CommSettings settings, CancellationToken cancellationToken)
    {
        var request = Validate(settings);
        var model = MeasureModel(request.Timeout);
        var rows = request.Strategies
            .Select(s => ReductionExperiment.Run(s, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed,
                settings.ErrorFeedback, request.Timeout, settings.InjectFailure))
            .ToList();
        if (request.PlotPath is not null)
            CommunicationPlot.Save(request.PlotPath, request.Strategies, request.Workers, request.Parameters, model, settings.Repeat, settings.Seed, settings.ErrorFeedback, request.Timeout);
        if (settings.Json) io.Out.WriteLine(ToJson(rows, model));
        else WriteTable(rows, model, request.PlotPath);
        return CliHost.Success;
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
        string strategy = s.Strategy.Trim().ToLowerInvariant();
        string[] strategies = strategy == "all" ? GradientReducers.Names.ToArray()
            : GradientReducers.IsKnown(strategy) ? [strategy]
            : throw new UsageException($"unknown --strategy '{s.Strategy}'; known: all, {string.Join(", ", GradientReducers.Names)}");
        long memory = (long)s.Workers.Value * s.Params.Value * 4 * 4;
        if (memory > 8L << 30) throw new UsageException($"{s.Workers} workers × {s.Params} values need about {memory >> 20} MiB; the limit is 8192 MiB");
        if (s.InjectFailure is int bad && (bad < 0 || bad >= s.Workers)) throw new UsageException($"--inject-failure must name a worker in 0..{s.Workers - 1}");
        string? plot = s.Plot is null ? null : AtomicFile.ValidateTarget(s.Plot, "--plot");
        return new Request(s.Workers.Value, s.Params.Value, strategies, TimeSpan.FromSeconds(s.Timeout), plot);
    }

    /// <summary>α and β from a ping-pong between two in-process ranks (the transport the strategies run on), γ from vector adds.</summary>
    private static AlphaBetaModel MeasureModel(TimeSpan timeout) =>
        InProcessGroup.Run(2, comm => AlphaBetaModel.Measure(comm), timeout)[0];

    private void WriteTable(List<ReductionMeasurement> rows, AlphaBetaModel model, string? plotPath)
    {
        var first = rows[0];
        io.Console.WriteLine($"n = {first.Workers} workers, p = {first.Parameters:N0} values (fp32), in-process transport");
        var table = new Table().AddColumns("paradigm", "messages sent", "formula", "values/message", "bytes/message",
            "total bytes", "bytes/worker", "measured s", "model s", "max rel. error");
        foreach (var row in rows)
        {
            string values = row.MessageValuesMin == row.MessageValuesMax ? $"{row.MessageValuesMax:N0}" : $"{row.MessageValuesMin:N0}–{row.MessageValuesMax:N0}";
            string bytes = row.MessageBytesMin == row.MessageBytesMax ? $"{row.MessageBytesMax:N0}" : $"{row.MessageBytesMin:N0}–{row.MessageBytesMax:N0}";
            string messages = row.NonEmptyMessages == row.Messages ? $"{row.Messages:N0}" : $"{row.Messages:N0} ({row.NonEmptyMessages:N0} non-empty)";
            table.AddRow(Markup.Escape(row.Strategy), messages, Markup.Escape($"{row.Plan.MessagesFormula} = {row.Plan.Messages:N0}"), values, bytes,
                $"{row.TotalBytes:N0}", $"{row.BytesPerWorker:N0}", $"{row.Seconds:G3}", $"{row.ModelSeconds:G3}", $"{row.MaxRelativeError:G2}");
        }
        io.Console.Write(table);
        io.Console.WriteLine($"model: α = {model.Alpha * 1e6:G3} µs per message, β = {model.Beta * 1e9:G3} ns per byte ({1 / model.Beta / 1e9:G3} GB/s), γ = {model.Gamma * 1e9:G3} ns per addition; measured = median of the slowest rank");
        if (plotPath is not null) io.Console.WriteLine($"plot: {plotPath}");
    }

    private static string ToJson(List<ReductionMeasurement> rows, AlphaBetaModel model) => Json.Document(w =>
    {
        w.WriteStartArray();
        foreach (var row in rows)
        {
            w.WriteStartObject();
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
            w.Number("seconds", row.Seconds);
            w.Number("modelSeconds", row.ModelSeconds);
            w.Number("maxRelativeError", row.MaxRelativeError);
            w.WriteNumber("ranks", row.Ranks);
            w.Number("alpha", model.Alpha);
            w.Number("beta", model.Beta);
            w.Number("gamma", model.Gamma);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });
}
