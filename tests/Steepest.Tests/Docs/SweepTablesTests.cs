using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steepest.Tests.Docs;

/// <summary>
/// docs/sweep.md's tables are the sweeps' output: every cell is compared with the sweep.json files the sweeps wrote
/// (docs/data/sweeps), which hold every run. That the tool reproduces those files is checked by the doc's
/// <c>check (slow)</c> reruns of single cells.
/// </summary>
public sealed class SweepTablesTests
{
    /// <summary>One recorded run; <paramref name="Accuracy"/> is the test accuracy, or the validation accuracy of a text run.</summary>
    private sealed record Run(string Model, string Optimizer, double LearningRate, double? FinalLoss, double? Accuracy, bool Diverged, double? TimeToTarget);

    private static readonly string Root = Repository.Root;

    private static List<Run> Runs()
    {
        var runs = new List<Run>();
        // In name order: where two sweeps ran the same rate, the tables show the first one's time to target.
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "docs", "data", "sweeps"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var r in doc.RootElement.GetProperty("runs").EnumerateArray())
            {
                double? Number(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : null;
                runs.Add(new Run(r.GetProperty("model").GetString()!, r.GetProperty("optimizer").GetString()!, r.GetProperty("learningRate").GetDouble(),
                    Number("finalLoss"), Number("testAccuracy") ?? (r.TryGetProperty("valAccuracy", out _) ? Number("valAccuracy") : null), r.GetProperty("diverged").GetBoolean(), Number("timeToTarget")));
            }
        }
        return runs;
    }

    private static Run Find(List<Run> runs, string model, string optimizer, double rate)
    {
        var found = runs.Where(r => r.Model == model && r.Optimizer == optimizer && Math.Abs(r.LearningRate - rate) <= 1e-9 * rate).ToList();
        Assert.True(found.Count > 0, $"no recorded run of {model}, {optimizer}, lr {rate}");
        // A rate two sweeps share must have given the same result in both.
        Assert.All(found, f => Assert.Equal(found[0].FinalLoss, f.FinalLoss));
        return found[0];
    }

    private static string Loss(Run r) => r.Diverged ? "diverged" : r.FinalLoss!.Value.ToString("F4", CultureInfo.InvariantCulture);

    private static readonly Regex Section = new(@"^\*\*(?<optimizer>[a-z:]+)\*\* \(final \w+; best per model in bold\)$");

    [Fact]
    public void EveryRunTableMatchesTheRecordedSweeps()
    {
        var runs = Runs();
        string[] lines = File.ReadAllLines(Path.Combine(Root, "docs", "sweep.md"));
        int tables = 0, cells = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Section.Match(lines[i]);
            if (!m.Success) continue;
            string optimizer = m.Groups["optimizer"].Value;
            int h = i + 1;
            while (!lines[h].StartsWith('|')) h++;
            double[] rates = Cells(lines[h]).Skip(1).Select(c => double.Parse(c["lr ".Length..], CultureInfo.InvariantCulture)).ToArray();
            for (int row = h + 2; row < lines.Length && lines[row].StartsWith('|'); row++)
            {
                string[] cell = Cells(lines[row]);
                string model = cell[0].Trim('`');
                var recorded = rates.Select(rate => Find(runs, model, optimizer, rate)).ToArray();
                double best = recorded.Where(r => !r.Diverged).Min(r => r.FinalLoss!.Value);
                for (int c = 0; c < rates.Length; c++)
                {
                    string expected = Loss(recorded[c]);
                    if (!recorded[c].Diverged && recorded[c].FinalLoss == best) expected = $"**{expected}**";
                    Assert.True(expected == cell[c + 1], $"docs/sweep.md:{row + 1}: {model}, {optimizer}, lr {rates[c]}: the table says {cell[c + 1]}, the sweep recorded {expected}");
                    cells++;
                }
            }
            tables++;
        }
        Assert.Equal(6, tables);
        Assert.True(cells >= 90, $"only {cells} cells compared");
    }

    [Fact]
    public void TheBestRateTablesMatchTheRecordedSweeps()
    {
        var runs = Runs();
        string[] lines = File.ReadAllLines(Path.Combine(Root, "docs", "sweep.md"));
        var cell = new Regex(@"^(?<lr>[0-9.e-]+): (?<loss>[0-9.]+), (?<acc>[0-9.]+)%, (?<time>\d+) s$");
        int tables = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "| model | adamw | muon | steepest:modular |") continue;
            string[] optimizers = Cells(lines[i])[1..];
            for (int row = i + 2; row < lines.Length && lines[row].StartsWith('|'); row++)
            {
                string[] cells = Cells(lines[row]);
                string model = cells[0].Trim('`');
                for (int c = 0; c < optimizers.Length; c++)
                {
                    var m = cell.Match(cells[c + 1]);
                    Assert.True(m.Success, $"docs/sweep.md:{row + 1}: '{cells[c + 1]}' is not 'lr: loss, accuracy%, time s'");
                    var candidates = runs.Where(r => r.Model == model && r.Optimizer == optimizers[c] && !r.Diverged).ToList();
                    var best = candidates.MinBy(r => r.FinalLoss!.Value)!;
                    string where = $"docs/sweep.md:{row + 1}: {model}, {optimizers[c]}";
                    Assert.True(Math.Abs(best.LearningRate - double.Parse(m.Groups["lr"].Value, CultureInfo.InvariantCulture)) <= 1e-9 * best.LearningRate, $"{where}: best lr is {best.LearningRate}");
                    Assert.Equal(Loss(best), m.Groups["loss"].Value);
                    Assert.Equal((best.Accuracy!.Value * 100).ToString("F2", CultureInfo.InvariantCulture), m.Groups["acc"].Value);
                    Assert.True(best.TimeToTarget is double t && Math.Round(t).ToString(CultureInfo.InvariantCulture) == m.Groups["time"].Value, $"{where}: time to target {best.TimeToTarget}");
                }
            }
            tables++;
        }
        Assert.Equal(2, tables);
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
