using System.Globalization;

namespace Steepest.Cli.Infrastructure;

/// <summary>Byte sizes with binary suffixes: 512, 1K, 64K, 4M, 1G (K = 1024).</summary>
public static class SizeParsing
{
    /// <summary>Parses a comma list of sizes in bytes.</summary>
    public static long[] Bytes(string text, string option)
    {
        var sizes = new List<long>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim().ToUpperInvariant();
            long factor = item.EndsWith('K') ? 1L << 10 : item.EndsWith('M') ? 1L << 20 : item.EndsWith('G') ? 1L << 30 : 1;
            string digits = factor == 1 ? item : item[..^1];
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
                throw new UsageException($"{option}: '{raw.Trim()}' is not a size like 1K, 64K, 4M or 64M");
            sizes.Add(value * factor);
        }
        return sizes.ToArray();
    }
}
