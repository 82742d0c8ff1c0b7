namespace Steepest.Tests.Optimizers;

/// <summary>
/// Plain scalar references written straight from each published update rule (PyTorch's documented algorithms, the
/// Adam/AdamW/Lion/Signum/Muon papers), one value at a time, independent of the library. Arithmetic is in double, but
/// θ and every state buffer are stored in fp32 after each step (<see cref="F"/>), as in an fp32 optimizer: a double θ
/// would drift from any fp32 implementation by ~½ ulp a step, which 100 steps turn into more than 1e-6.
/// Each takes θ and g for one parameter (row-major shape) and its own state, and updates θ in place.
/// </summary>
internal abstract class ReferenceOptimizer
{
    public abstract void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch);

    protected readonly Dictionary<(int, string), double[]> buffers = [];
    protected double[] Buffer(int parameter, string name, int length) =>
        buffers.TryGetValue((parameter, name), out var b) ? b : buffers[(parameter, name)] = new double[length];

    protected static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : 0;

    /// <summary>Rounds to fp32 storage.</summary>
    protected static double F(double x) => (float)x;
}

/// <summary>PyTorch SGD: g ← g + λθ; b ← μb + g (b₁ = g); Nesterov: g ← g + μb, else g ← b; θ ← θ − ηg.</summary>
internal sealed class ReferenceSgd(double lr, double momentum = 0, bool nesterov = false, double weightDecay = 0) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var b = Buffer(parameter, "b", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            double gi = g[i] + weightDecay * theta[i];
            if (momentum != 0)
            {
                b[i] = F(step == 1 ? gi : momentum * b[i] + gi);
                gi = nesterov ? gi + momentum * b[i] : b[i];
            }
            theta[i] = F(theta[i] - lr * gi);
        }
    }
}

/// <summary>Adam (Kingma &amp; Ba, Algorithm 1) with PyTorch's L2 term, or AdamW (decoupled: θ ← θ − ηλθ first).</summary>
internal sealed class ReferenceAdam(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var m = Buffer(parameter, "m", theta.Length);
        var v = Buffer(parameter, "v", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            double gi = decoupled ? g[i] : g[i] + weightDecay * theta[i];
            double decayed = decoupled ? theta[i] - lr * weightDecay * theta[i] : theta[i];
            m[i] = F(beta1 * m[i] + (1 - beta1) * gi);
            v[i] = F(beta2 * v[i] + (1 - beta2) * gi * gi);
            double mHat = m[i] / (1 - Math.Pow(beta1, step)), vHat = v[i] / (1 - Math.Pow(beta2, step));
            theta[i] = F(decayed - lr * mHat / (Math.Sqrt(vHat) + eps));
        }
    }
}

/// <summary>Lion (Chen et al. 2023, Program 1): c = β₁m + (1−β₁)g; θ ← θ − η(sign(c) + λθ); m ← β₂m + (1−β₂)g.</summary>
internal sealed class ReferenceLion(double lr, double beta1, double beta2, double weightDecay) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var m = Buffer(parameter, "m", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            double c = beta1 * m[i] + (1 - beta1) * g[i];
            theta[i] = F(theta[i] - lr * (Sign(c) + weightDecay * theta[i]));
            m[i] = F(beta2 * m[i] + (1 - beta2) * g[i]);
        }
    }
}

/// <summary>signSGD: θ ← θ − η·sign(g). Signum (Bernstein et al. 2018): m ← βm + (1−β)g; θ ← θ − η·sign(m).</summary>
internal sealed class ReferenceSign(double lr, double beta) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var m = Buffer(parameter, "m", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            m[i] = F(beta * m[i] + (1 - beta) * g[i]);
            theta[i] = F(theta[i] - lr * Sign(beta == 0 ? g[i] : m[i]));
        }
    }
}

/// <summary>PyTorch Adagrad: s ← s + g²; θ ← θ − η·g/(√s + ε).</summary>
internal sealed class ReferenceAdagrad(double lr, double eps) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var s = Buffer(parameter, "s", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            s[i] = F(s[i] + g[i] * g[i]);
            theta[i] = F(theta[i] - lr * g[i] / (Math.Sqrt(s[i]) + eps));
        }
    }
}

/// <summary>PyTorch RMSprop: v ← αv + (1−α)g²; θ ← θ − η·g/(√v + ε).</summary>
internal sealed class ReferenceRmsProp(double lr, double alpha, double eps) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var v = Buffer(parameter, "v", theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            v[i] = F(alpha * v[i] + (1 - alpha) * g[i] * g[i]);
            theta[i] = F(theta[i] - lr * g[i] / (Math.Sqrt(v[i]) + eps));
        }
    }
}

/// <summary>
/// Problem 2(b)'s simplified Adam: θ ← θ − η·M·g, M = diag(1/√(mean g² over the current epoch so far)), and M = 0
/// where that mean is 0.
/// </summary>
internal sealed class ReferenceEpochAdam(double lr) : ReferenceOptimizer
{
    private readonly Dictionary<int, (int Epoch, int Count)> progress = [];

    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        var sum = Buffer(parameter, "sum", theta.Length);
        var (lastEpoch, count) = progress.TryGetValue(parameter, out var p) ? p : (epoch, 0);
        if (epoch != lastEpoch) { Array.Clear(sum); count = 0; }
        count++;
        for (int i = 0; i < theta.Length; i++)
        {
            sum[i] += g[i] * g[i];
            double rms = F(Math.Sqrt(sum[i] / count));
            theta[i] = F(theta[i] - lr * (rms > 0 ? F(g[i] / rms) : 0));
        }
        progress[parameter] = (epoch, count);
    }
}

/// <summary>
/// Muon (Jordan et al. 2024) for matrices: m ← βm + (1−β)g; u = (1−β)g + βm; X = u/‖u‖_F (transposed when
/// rows &gt; cols); 5 × X ← aX + (bA + cA²)X with A = XXᵀ, (a, b, c) = (3.4445, −4.7750, 2.0315);
/// θ ← θ − η·X·√max(1, rows/cols). Vectors get the auxiliary AdamW.
/// </summary>
internal sealed class ReferenceMuon(double lr, double beta, ReferenceAdam auxiliary) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        if (rows == 1) { auxiliary.Step(parameter, theta, g, rows, columns, step, epoch); return; }
        var m = Buffer(parameter, "m", theta.Length);
        var u = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            m[i] = F(beta * m[i] + (1 - beta) * g[i]);
            u[i] = (1 - beta) * g[i] + beta * m[i];
        }
        bool transposed = rows > columns;
        int r = Math.Min(rows, columns), k = Math.Max(rows, columns);
        var x = new double[r, k];
        double norm = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double value = u[i * columns + j];
                if (transposed) x[j, i] = value; else x[i, j] = value;
                norm += value * value;
            }
        norm = Math.Sqrt(norm) + 1e-7;
        for (int i = 0; i < r; i++) for (int j = 0; j < k; j++) x[i, j] /= norm;
        for (int s = 0; s < 5; s++)
        {
            var a = new double[r, r];
            for (int i = 0; i < r; i++) for (int j = 0; j < r; j++) for (int t = 0; t < k; t++) a[i, j] += x[i, t] * x[j, t];
            var b = new double[r, r];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < r; j++)
                {
                    double a2 = 0;
                    for (int t = 0; t < r; t++) a2 += a[i, t] * a[t, j];
                    b[i, j] = -4.7750 * a[i, j] + 2.0315 * a2;
                }
            var next = new double[r, k];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < k; j++)
                {
                    double sum = 3.4445 * x[i, j];
                    for (int t = 0; t < r; t++) sum += b[i, t] * x[t, j];
                    next[i, j] = sum;
                }
            x = next;
        }
        double scale = Math.Sqrt(Math.Max(1.0, (double)rows / columns));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) theta[i * columns + j] = F(theta[i * columns + j] - lr * scale * (transposed ? x[j, i] : x[i, j]));
    }
}

/// <summary>The ℓ∞ steepest step: θ ← θ − η·‖g‖₁·sign(g).</summary>
internal sealed class ReferenceLInfinitySteepest(double lr) : ReferenceOptimizer
{
    public override void Step(int parameter, double[] theta, double[] g, int rows, int columns, int step, int epoch)
    {
        double l1 = g.Sum(Math.Abs);
        for (int i = 0; i < theta.Length; i++) theta[i] = F(theta[i] - lr * l1 * Sign(g[i]));
    }
}
