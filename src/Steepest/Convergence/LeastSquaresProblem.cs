using System.Globalization;

namespace Steepest.Convergence;

/// <summary>min_θ f(θ) = Σⱼ (yⱼ − xⱼᵀθ)² for n samples xⱼ ∈ ℝᵈ (row-major X, n×d).</summary>
public sealed class LeastSquaresProblem
{
    /// <summary>Wraps the data; X is row-major with <paramref name="samples"/> rows.</summary>
    public LeastSquaresProblem(double[] x, int samples, int features, double[] y, string description = "")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (samples < 1 || features < 1) throw new ArgumentException($"need at least one sample and one feature, got {samples}×{features}");
        if (x.Length != samples * features) throw new ArgumentException($"X has {x.Length} values, expected {samples}×{features}");
        if (y.Length != samples) throw new ArgumentException($"y has {y.Length} values but X has {samples} rows");
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v))) throw new ArgumentException("X and y must be finite");
        X = x;
        Samples = samples;
        Features = features;
        Y = y;
        Description = description;
    }

    /// <summary>Row-major n×d inputs.</summary>
    public double[] X { get; }
    /// <summary>n.</summary>
    public int Samples { get; }
    /// <summary>d.</summary>
    public int Features { get; }
    /// <summary>Targets.</summary>
    public double[] Y { get; }
    /// <summary>Where the problem came from.</summary>
    public string Description { get; }

    /// <summary>Row j of X.</summary>
    public ReadOnlySpan<double> Row(int j) => X.AsSpan(j * Features, Features);

    /// <summary>rⱼ = yⱼ − xⱼᵀθ.</summary>
    public double Residual(int j, ReadOnlySpan<double> theta)
    {
        double dot = 0;
        var row = Row(j);
        for (int i = 0; i < Features; i++) dot += row[i] * theta[i];
        return Y[j] - dot;
    }

    /// <summary>f(θ) = Σⱼ rⱼ².</summary>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double sum = 0;
        for (int j = 0; j < Samples; j++) { double r = Residual(j, theta); sum += r * r; }
        return sum;
    }

    /// <summary>∇f(θ) = −2 Σⱼ rⱼ xⱼ, written into <paramref name="gradient"/>.</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        for (int j = 0; j < Samples; j++) AddSampleGradient(j, theta, gradient);
    }

    /// <summary>∇fⱼ(θ) = −2 rⱼ xⱼ for one sample, written into <paramref name="gradient"/>.</summary>
    public void SampleGradient(int j, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        AddSampleGradient(j, theta, gradient);
    }

    private void AddSampleGradient(int j, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double factor = -2 * Residual(j, theta);
        var row = Row(j);
        for (int i = 0; i < Features; i++) gradient[i] += factor * row[i];
    }

    /// <summary>The same problem with feature i multiplied by scale[i] (X·diag(s)).</summary>
    public LeastSquaresProblem ScaleFeatures(ReadOnlySpan<double> scale)
    {
        var x = (double[])X.Clone();
        for (int j = 0; j < Samples; j++)
            for (int i = 0; i < Features; i++) x[j * Features + i] *= scale[i];
        return new LeastSquaresProblem(x, Samples, Features, (double[])Y.Clone(), Description + " (rescaled)");
    }

    /// <summary>sᵢ = 1/√(mean over samples of xⱼᵢ²): the scaling that gives every feature unit second moment (1 for all-zero features).</summary>
    public double[] UnitSecondMomentScale()
    {
        var scale = new double[Features];
        for (int i = 0; i < Features; i++)
        {
            double moment = 0;
            for (int j = 0; j < Samples; j++) moment += X[j * Features + i] * X[j * Features + i];
            moment /= Samples;
            scale[i] = moment > 0 ? 1 / Math.Sqrt(moment) : 1;
        }
        return scale;
    }

    /// <summary>
    /// Reads a CSV file: one sample per line, the features then the target in the last column; blank lines and lines
    /// starting with '#' are skipped, and a first line that is not numeric is taken as a header.
    /// </summary>
    public static LeastSquaresProblem FromCsv(string path)
    {
        var rows = new List<double[]>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] cells = line.Split(',');
            var values = new double[cells.Length];
            bool numeric = true;
            for (int c = 0; c < cells.Length && numeric; c++)
                numeric = double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) && double.IsFinite(values[c]);
            if (!numeric)
            {
                if (rows.Count == 0 && lineNumber == 1) continue; // header
                throw new FormatException($"{path}:{lineNumber}: not a row of numbers");
            }
            if (values.Length < 2) throw new FormatException($"{path}:{lineNumber}: need at least one feature and a target");
            if (rows.Count > 0 && values.Length != rows[0].Length)
                throw new FormatException($"{path}:{lineNumber}: {values.Length} columns, the first row has {rows[0].Length}");
            rows.Add(values);
        }
        if (rows.Count == 0) throw new FormatException($"{path}: no data rows");
        int d = rows[0].Length - 1;
        var x = rows.SelectMany(r => r.Take(d)).ToArray();
        var y = rows.Select(r => r[d]).ToArray();
        return new LeastSquaresProblem(x, rows.Count, d, y, $"{Path.GetFileName(path)} ({rows.Count}×{d})");
    }

    /// <summary>A random underdetermined problem: n×d Gaussian X (n &lt; d), Gaussian y, from a seed.</summary>
    public static LeastSquaresProblem RandomUnderdetermined(int samples, int features, int seed)
    {
        if (samples >= features) throw new ArgumentException($"underdetermined needs fewer samples than features, got {samples}×{features}");
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = Enumerable.Range(0, samples * features).Select(_ => Gaussian()).ToArray();
        var y = Enumerable.Range(0, samples).Select(_ => Gaussian()).ToArray();
        return new LeastSquaresProblem(x, samples, features, y, $"random {samples}×{features} (seed {seed})");
    }

    /// <summary>
    /// A random underdetermined problem on which Wilson et al.'s lemma holds: X = diag(y)·A·diag(s) with A &gt; 0 and every
    /// row of A summing to K, so sign(Xᵀy) = s and X·s = K·y. Adaptive and sign methods from 0 then reach s/K.
    /// </summary>
    public static LeastSquaresProblem RandomSignConsistent(int samples, int features, int seed)
    {
        var random = new Random(seed);
        var s = Enumerable.Range(0, features).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        var y = Enumerable.Range(0, samples).Select(_ => (random.Next(2) == 0 ? -1 : 1) * (0.5 + random.NextDouble())).ToArray();
        var x = new double[samples * features];
        double k = features / 2.0;
        for (int j = 0; j < samples; j++)
        {
            var a = Enumerable.Range(0, features).Select(_ => 0.1 + random.NextDouble()).ToArray();
            double sum = a.Sum();
            for (int i = 0; i < features; i++) x[j * features + i] = y[j] * s[i] * a[i] * k / sum;
        }
        return new LeastSquaresProblem(x, samples, features, y, $"sign-consistent {samples}×{features} (seed {seed})");
    }
}
