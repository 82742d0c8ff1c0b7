using System.Text;
using Spectre.Console;

namespace Steepest.Cli.Infrastructure;

/// <summary>
/// A Spectre output over a plain writer that never consults <see cref="System.Console"/>: Spectre's own
/// <see cref="AnsiConsoleOutput"/> compares its writer with <c>Console.Out</c>, and that first touch of the
/// console writes a terminal escape sequence when stdout is a pseudo-terminal, as it is under mpirun.
/// </summary>
public sealed class PlainConsoleOutput(TextWriter writer, int width) : IAnsiConsoleOutput
{
    /// <summary>The writer every render goes to.</summary>
    public TextWriter Writer { get; } = writer;

    /// <summary>Always false: a plain writer is a file, a pipe or a test buffer.</summary>
    public bool IsTerminal => false;

    /// <summary>The fixed rendering width in columns.</summary>
    public int Width { get; } = width;

    /// <summary>Plain output has no page height; tables render in full.</summary>
    public int Height => int.MaxValue;

    /// <summary>Encoding changes are the writer's business; nothing to do.</summary>
    public void SetEncoding(Encoding encoding) { }
}
