using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Serve;

/// <summary>
/// One request's parameters, from the query string or a form body, checked as strictly as the CLI checks its flags:
/// an unknown or repeated parameter, or a list longer than <see cref="MaxValues"/>, is bad input (400).
/// </summary>
public sealed partial class ApiQuery
{
    /// <summary>The most numbers one parameter may carry (a gradient, a problem's inputs).</summary>
    public const int MaxValues = 10_000;

    private readonly Dictionary<string, string> values;

    private ApiQuery(Dictionary<string, string> values) => this.values = values;

    /// <summary>Reads the query and, for a form post, the body; refuses names outside <paramref name="known"/>.</summary>
    public static async Task<ApiQuery> ReadAsync(HttpRequest request, IReadOnlyCollection<string> known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, Microsoft.Extensions.Primitives.StringValues given)
        {
            if (!known.Contains(name))
                throw new UsageException(known.Count == 0 ? $"unknown parameter '{name}': this endpoint takes none" : $"unknown parameter '{name}'; known: {string.Join(", ", known)}");
            if (given.Count > 1 || values.ContainsKey(name)) throw new UsageException($"parameter '{name}' is given more than once");
            values[name] = given.ToString();
        }
        foreach (var (name, given) in request.Query) Add(name, given);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (name, given) in form) Add(name, given);
        }
        return new ApiQuery(values);
    }

    /// <summary>The parameter's text, or null when it is absent.</summary>
    public string? Text(string name) => values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A list of numbers (',' between values, ';' between rows), refused before parsing when it is longer than <see cref="MaxValues"/>.</summary>
    public string? List(string name)
    {
        string? text = Text(name);
        if (text is null) return null;
        int count = 1;
        foreach (char c in text) if (c is ',' or ';') count++;
        if (count > MaxValues) throw new UsageException($"{name}: at most {MaxValues:N0} values, got {count:N0}");
        return text;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int Integer(string name, int fallback, int min, int max)
    {
        string? text = Text(name);
        if (text is null) return fallback;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw new UsageException($"{name}: '{text}' is not a whole number");
        if (Ranges.Outside(value, min, max, name) is { } refusal) throw new UsageException(refusal);
        return (int)value;
    }

    /// <summary>A finite number &gt; 0, or <paramref name="fallback"/> when absent.</summary>
    public double Positive(string name, double fallback) => Text(name) is null ? fallback : NumberParsing.Positive(Text(name), name);

    /// <summary>A finite number ≥ 0, or <paramref name="fallback"/> when absent.</summary>
    public double NonNegative(string name, double fallback)
    {
        if (Text(name) is null) return fallback;
        double value = NumberParsing.Number(Text(name), name);
        return value >= 0 ? value : throw new UsageException($"{name} must be ≥ 0, got {Text(name)}");
    }

    /// <summary>
    /// The CLI's messages name its flags (--grad, --alpha); here the same checks name the request's parameters, which
    /// carry the same names without the dashes.
    /// </summary>
    public static string Rephrase(string message) => FlagName().Replace(message.ReplaceLineEndings(" ").Trim(), "");

    [GeneratedRegex(@"(?<![\w-])--(?=[a-z])")]
    private static partial Regex FlagName();
}
