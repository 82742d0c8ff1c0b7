using System.Net;
using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Serve;

/// <summary><c>steepest serve</c>: the explorer (norm playground, convergence lab, communication calculator) and the training dashboard.</summary>
public sealed class ServeCommand(CliOutput io) : Command<ServeSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        string host = settings.Host.Trim();
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
            throw new UsageException($"--host must be an IP address or localhost, got '{settings.Host}'");
        if (string.IsNullOrWhiteSpace(settings.Runs)) throw new UsageException("--runs needs a folder");
        if (File.Exists(settings.Runs)) throw new UsageException($"--runs: '{settings.Runs}' is a file, not a folder");
        if (!Directory.Exists(settings.Runs)) throw new UsageException($"--runs: folder '{settings.Runs}' does not exist");
        var runs = new RunFolder(settings.Runs);
        using var server = ExplorerServer.Start(host, settings.Port, runs);
        io.Out.WriteLine($"steepest serve: listening on {server.Address} (runs from {runs.Root}); Ctrl+C stops");
        io.Out.Flush();
        server.WaitForShutdown(cancellationToken);
        return CliHost.Success;
    }
}
