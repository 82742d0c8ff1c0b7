namespace Steepest.Cli.Serve;

/// <summary>A request named something that is not there (a run, a page): 404 with one line.</summary>
public sealed class NotFoundException(string message) : Exception(message);
