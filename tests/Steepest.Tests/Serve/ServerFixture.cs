using Steepest.Cli.Serve;

namespace Steepest.Tests.Serve;

/// <summary>One explorer on a free loopback port for a test class, over its own runs folder (which holds a symlink out of it).</summary>
public sealed class ServerFixture : IDisposable
{
    public string Runs { get; } = Directory.CreateTempSubdirectory("steepest-runs-").FullName;

    public string Outside { get; } = Directory.CreateTempSubdirectory("steepest-outside-").FullName;

    public ExplorerServer Server { get; }

    public HttpClient Http { get; }

    public ServerFixture()
    {
        File.WriteAllText(Path.Combine(Outside, "secret.jsonl"), "{\"epoch\":1,\"trainLoss\":42}\n");
        File.CreateSymbolicLink(Path.Combine(Runs, "link.jsonl"), Path.Combine(Outside, "secret.jsonl"));
        Directory.CreateSymbolicLink(Path.Combine(Runs, "linked"), Outside);
        Server = ExplorerServer.Start("127.0.0.1", 0, new RunFolder(Runs));
        Http = new HttpClient { BaseAddress = new Uri(Server.Address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
        Directory.Delete(Runs, true);
        Directory.Delete(Outside, true);
    }
}
