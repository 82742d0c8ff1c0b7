using System.Text;
using System.Text.RegularExpressions;

namespace Steepest.Tests.Docs;

/// <summary>
/// A command the docs show with what it prints: a fenced block line <c>$ steepest …</c> followed by its output, or an
/// HTML comment <c>&lt;!-- check: steepest … => fragment | fragment --&gt;</c> beside a figure quoted in prose.
/// </summary>
/// <param name="Location">The file (relative to the repository) and line, e.g. "docs/derive.md:11".</param>
/// <param name="Environment">Variables set before the command (<c>$ NAME=value steepest …</c>).</param>
/// <param name="Ranks">The -np of an <c>mpirun</c> example, or null for a plain run.</param>
/// <param name="Arguments">The arguments after <c>steepest</c>.</param>
/// <param name="Expected">A block's output lines, or null for a check comment.</param>
/// <param name="Fragments">A check comment's fragments, each of which the output must contain.</param>
/// <param name="Slow">Marked <c>check (slow):</c>, a full training run: checked by scripts/check-docs, not by every test run.</param>
internal sealed record DocumentedCommand(string Location, IReadOnlyDictionary<string, string> Environment, int? Ranks,
    string[] Arguments, string[]? Expected, string[] Fragments, bool Slow = false)
{
    /// <summary>The byte-level corpus the docs train on, made as docs/models.md says and named by $STEEPEST_TEXT.</summary>
    public const string Corpus = "text:fortunes.txt";

    /// <summary>Whether the command needs MPI: it runs under mpirun, or asks for the MPI backend.</summary>
    public bool NeedsMpi => Ranks is not null || Arguments.Zip(Arguments.Skip(1)).Contains(("--backend", "mpi"));

    /// <summary>Whether the command reads MNIST (it is then checked only where the data can be found).</summary>
    public bool NeedsMnist => Arguments.Contains("mnist");

    /// <summary>Whether the command trains on the fortunes corpus.</summary>
    public bool NeedsCorpus => Arguments.Contains(Corpus);

    /// <summary>The files the checks read: the README and every guide.</summary>
    public static IEnumerable<string> Sources(string root) =>
        new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>Every documented command of every source, in file order.</summary>
    public static IReadOnlyList<DocumentedCommand> All(string root) =>
        Sources(root).SelectMany(file => Parse(Path.GetRelativePath(root, file), File.ReadAllLines(file))).ToList();

    private static readonly Regex Check = new(@"<!--\s*check(?<slow>\s*\(slow\))?:\s*(?<command>.+?)\s*=>\s*(?<fragments>.+?)\s*-->", RegexOptions.Singleline);

    /// <summary>The examples of one markdown file.</summary>
    public static IEnumerable<DocumentedCommand> Parse(string name, string[] lines)
    {
        bool fenced = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced && lines[i].StartsWith("$ ", StringComparison.Ordinal))
            {
                int start = i;
                string command = lines[i][2..];
                while (command.EndsWith('\\') && i + 1 < lines.Length) command = command[..^1] + " " + lines[++i].Trim();
                var output = new List<string>();
                while (i + 1 < lines.Length && !lines[i + 1].StartsWith("```", StringComparison.Ordinal) && !lines[i + 1].StartsWith("$ ", StringComparison.Ordinal))
                    output.Add(lines[++i]);
                yield return Create($"{name}:{start + 1}", command, output.ToArray(), []);
            }
        }
        string text = string.Join('\n', lines);
        foreach (Match m in Check.Matches(text))
        {
            int line = text.AsSpan(0, m.Index).Count('\n') + 1;
            string[] fragments = m.Groups["fragments"].Value.Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            yield return Create($"{name}:{line}", m.Groups["command"].Value.ReplaceLineEndings(" "), null, fragments) with { Slow = m.Groups["slow"].Success };
        }
    }

    private static DocumentedCommand Create(string location, string command, string[]? expected, string[] fragments)
    {
        var words = Split(command, location);
        var environment = new Dictionary<string, string>();
        while (words.Count > 0 && Regex.IsMatch(words[0], "^[A-Z_][A-Z0-9_]*="))
        {
            int eq = words[0].IndexOf('=');
            environment[words[0][..eq]] = words[0][(eq + 1)..];
            words.RemoveAt(0);
        }
        int? ranks = null;
        if (words.Count > 0 && words[0] == "mpirun")
        {
            int np = words.IndexOf("-np");
            if (np < 0) throw new FormatException($"{location}: mpirun without -np");
            ranks = int.Parse(words[np + 1]);
        }
        // `dotnet run --project src/Steepest.Cli -- ARGS` is `steepest ARGS`, as is `steepest ARGS` after mpirun's flags.
        int separator = words.IndexOf("--");
        int program = words.IndexOf("steepest");
        var arguments = words[0] == "dotnet" && separator >= 0 ? words.Skip(separator + 1)
            : program >= 0 ? words.Skip(program + 1)
            : throw new FormatException($"{location}: '{command}' does not run steepest");
        return new DocumentedCommand(location, environment, ranks, arguments.ToArray(), expected, fragments);
    }

    /// <summary>Shell words: double and single quotes group, as bash reads the documented line.</summary>
    private static List<string> Split(string command, string location)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in command)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else { word.Append(c); inWord = true; }
        }
        if (quote != '\0') throw new FormatException($"{location}: unterminated quote in '{command}'");
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <inheritdoc/>
    public override string ToString() => Location;
}
