using Steepest.Models;
using Steepest.Optimizers;

namespace Steepest.Tests.Models;

/// <summary>
/// Naive double-precision forward passes of every module, written from the formulas and independent of the library's
/// code: loops instead of SGEMM, exact erf, two-pass statistics. Parameters come from a lookup, so a test can perturb
/// them in double for central finite differences.
/// </summary>
internal static class ReferenceModules
{
    public static double[] Forward(Module module, double[] x, int batch, IReadOnlyDictionary<Parameter, double[]> p) => module switch
    {
        Sequential s => s.Modules.Aggregate(x, (input, m) => Forward(m, input, batch, p)),
        Residual r => Add(x, Forward(r.Inner, x, batch, p)),
        Linear l => Linear(x, p[l.Weight], l.Bias is null ? new double[l.Weight.Shape[0]] : p[l.Bias], l.Weight.Shape[1], l.Weight.Shape[0]),
        Relu => x.Select(v => Math.Max(0, v)).ToArray(),
        Gelu => x.Select(v => v * 0.5 * (1 + Erf(v / Math.Sqrt(2)))).ToArray(),
        Flatten => (double[])x.Clone(),
        Conv2d c => Conv(c, x, batch, p),
        MaxPool2d m => MaxPool(m, x, batch),
        GlobalAveragePool g => AveragePool(g, x, batch),
        LayerNorm n => LayerNorm(x, p[n.Gain], p[n.Bias]),
        TokenEmbedding e => x.SelectMany(id => p[e.Weight].Skip((int)id * e.Weight.Shape[1]).Take(e.Weight.Shape[1])).ToArray(),
        PositionEmbedding e => x.Select((v, i) => v + p[e.Weight][i % p[e.Weight].Length]).ToArray(),
        CausalSelfAttention a => Attention(a, x, batch, p),
        _ => throw new NotSupportedException(module.GetType().Name),
    };

    /// <summary>Σ over rows of log Σ e^z − z_y, in double.</summary>
    public static double CrossEntropy(double[] logits, int[] targets, int classes)
    {
        double loss = 0;
        for (int r = 0; r < targets.Length; r++)
        {
            var z = logits.AsSpan(r * classes, classes);
            double max = z.ToArray().Max(), sum = 0;
            foreach (double v in z) sum += Math.Exp(v - max);
            loss += max + Math.Log(sum) - z[targets[r]];
        }
        return loss;
    }

    /// <summary>erf by its Maclaurin series for |x| &lt; 3 and by erfc's continued fraction beyond (double accuracy).</summary>
    public static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a < 3)
        {
            double term = a, sum = a;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-18 * Math.Abs(sum); n++)
            {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))).
        double fraction = a;
        for (int k = 60; k >= 1; k--) fraction = a + k / 2.0 / fraction;
        return Math.Sign(x) * (1 - Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction);
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    private static double[] Linear(double[] x, double[] w, double[] b, int inputs, int outputs)
    {
        int rows = x.Length / inputs;
        var y = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outputs; o++)
            {
                double sum = b[o];
                for (int i = 0; i < inputs; i++) sum += x[r * inputs + i] * w[o * inputs + i];
                y[r * outputs + o] = sum;
            }
        return y;
    }

    private static double[] Conv(Conv2d c, double[] x, int batch, IReadOnlyDictionary<Parameter, double[]> p)
    {
        int h = c.InputShape[0], w = c.InputShape[1], channels = c.InputShape[2];
        int oh = c.OutputShape[0], ow = c.OutputShape[1], filters = c.OutputShape[2];
        double[] weight = p[c.Weight], bias = p[c.Bias];
        var y = new double[batch * oh * ow * filters];
        for (int b = 0; b < batch; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int o = 0; o < filters; o++)
                    {
                        double sum = bias[o];
                        for (int ch = 0; ch < channels; ch++)
                            for (int ky = 0; ky < c.KernelHeight; ky++)
                                for (int kx = 0; kx < c.KernelWidth; kx++)
                                {
                                    int iy = oy * c.Stride - c.Padding + ky, ix = ox * c.Stride - c.Padding + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    sum += weight[((o * channels + ch) * c.KernelHeight + ky) * c.KernelWidth + kx] * x[((b * h + iy) * w + ix) * channels + ch];
                                }
                        y[((b * oh + oy) * ow + ox) * filters + o] = sum;
                    }
        return y;
    }

    private static double[] MaxPool(MaxPool2d m, double[] x, int batch)
    {
        int h = m.InputShape[0], w = m.InputShape[1], channels = m.InputShape[2], oh = m.OutputShape[0], ow = m.OutputShape[1];
        var y = new double[batch * oh * ow * channels];
        for (int b = 0; b < batch; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int ch = 0; ch < channels; ch++)
                    {
                        double best = double.NegativeInfinity;
                        for (int ky = 0; ky < m.Kernel; ky++)
                            for (int kx = 0; kx < m.Kernel; kx++)
                                best = Math.Max(best, x[((b * h + oy * m.Stride + ky) * w + ox * m.Stride + kx) * channels + ch]);
                        y[((b * oh + oy) * ow + ox) * channels + ch] = best;
                    }
        return y;
    }

    private static double[] AveragePool(GlobalAveragePool g, double[] x, int batch)
    {
        int pixels = g.InputShape[0] * g.InputShape[1], channels = g.InputShape[2];
        var y = new double[batch * channels];
        for (int b = 0; b < batch; b++)
            for (int q = 0; q < pixels; q++)
                for (int ch = 0; ch < channels; ch++) y[b * channels + ch] += x[(b * pixels + q) * channels + ch] / pixels;
        return y;
    }

    private static double[] LayerNorm(double[] x, double[] gain, double[] bias)
    {
        int d = gain.Length;
        var y = new double[x.Length];
        for (int r = 0; r < x.Length / d; r++)
        {
            var row = x.AsSpan(r * d, d).ToArray();
            double mean = row.Average(), variance = row.Select(v => (v - mean) * (v - mean)).Average();
            for (int i = 0; i < d; i++) y[r * d + i] = (row[i] - mean) / Math.Sqrt(variance + Steepest.Models.LayerNorm.Epsilon) * gain[i] + bias[i];
        }
        return y;
    }

    private static double[] Attention(CausalSelfAttention a, double[] x, int batch, IReadOnlyDictionary<Parameter, double[]> p)
    {
        int t = a.InputShape[0], d = a.InputShape[1], heads = a.HeadCount, hd = d / heads;
        var qkv = Forward(a.Qkv, x, batch, p);
        var o = new double[batch * t * d];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < t; i++)
                {
                    double Q(int row, int k) => qkv[(b * t + row) * 3 * d + h * hd + k];
                    double K(int row, int k) => qkv[(b * t + row) * 3 * d + d + h * hd + k];
                    double V(int row, int k) => qkv[(b * t + row) * 3 * d + 2 * d + h * hd + k];
                    var scores = new double[i + 1];
                    for (int j = 0; j <= i; j++)
                    {
                        for (int k = 0; k < hd; k++) scores[j] += Q(i, k) * K(j, k);
                        scores[j] /= Math.Sqrt(hd);
                    }
                    double max = scores.Max();
                    var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                    double total = weights.Sum();
                    for (int k = 0; k < hd; k++)
                    {
                        double sum = 0;
                        for (int j = 0; j <= i; j++) sum += weights[j] / total * V(j, k);
                        o[(b * t + i) * d + h * hd + k] = sum;
                    }
                }
        return Forward(a.Projection, o, batch, p);
    }
}
