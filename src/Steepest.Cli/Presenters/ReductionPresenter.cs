using Spectre.Console;
using Steepest.Cli.Infrastructure;
using Steepest.Distributed;
using Steepest.Distributed.Reducers;

namespace Steepest.Cli.Presenters;

/// <summary>A reduction measurement (problem 5) and the cost model as text and as JSON: what <c>comm</c>, the tour and <c>serve</c> print.</summary>
internal static class ReductionPresenter
{
    /// <summary>comm's table: each strategy's counts beside its formula, measured and modelled time.</summary>
    internal static void WriteTable(CliOutput io, List<ReductionMeasurement> rows, AlphaBetaModel model, string? plotPath, string transport)
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

    /// <summary>The fitted parameters in one line, as comm's table and --calibrate end with them.</summary>
    internal static string ModelLine(AlphaBetaModel model) =>
        $"model: α = {model.Alpha * 1e6:G3} µs per message, κ = {model.Parallelism:G3} streams at full speed, " +
        $"β = {model.Beta * 1e9:G3} ns per byte ({1 / model.Beta / 1e9:G3} GB/s) and γ = {model.Gamma * 1e9:G3} ns per addition from memory";

    /// <summary>comm --json: one object per strategy, each with the model it was priced by.</summary>
    internal static string Document(List<ReductionMeasurement> rows, AlphaBetaModel model, string backend) => Json.Document(w =>
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

    /// <summary>A strategy's plan before it runs: its messages (counted from the schedule, with the formula) and bytes.</summary>
    internal static void WritePlan(System.Text.Json.Utf8JsonWriter w, CommunicationPlan plan)
    {
        w.WriteNumber("messages", plan.Messages);
        w.WriteString("messagesFormula", plan.MessagesFormula);
        w.WriteNumber("messageValuesMin", plan.MessageValuesMin);
        w.WriteNumber("messageValuesMax", plan.MessageValuesMax);
        w.WriteNumber("bytesPerWorker", plan.BytesPerWorker);
        w.WriteNumber("totalBytes", plan.TotalBytes);
    }

    /// <summary>The model's fields in JSON: α, β, γ, κ, the rates by working set and the contention samples.</summary>
    internal static void WriteModel(System.Text.Json.Utf8JsonWriter w, AlphaBetaModel model)
    {
        w.Number("alpha", model.Alpha);
        w.Number("beta", model.Beta);
        w.Number("gamma", model.Gamma);
        w.Number("kappa", model.Parallelism);
        w.Number("cores", model.Cores);
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
}
