using Steepest.Optimizers;
using Steepest.LinearAlgebra;

namespace Steepest.Training;

/// <summary>What a training rank sends through the reducer: its gradients as one flat buffer, and its metric sums.</summary>
internal static class RankBuffers
{
    /// <summary>Four counts as fp32 pairs (high part, then the rest), so a float all-reduce sums them nearly exactly.</summary>
    public static void Pack(float[] sums, double loss, long correct, long seen, long examples)
    {
        Span<double> values = [loss, correct, seen, examples];
        for (int k = 0; k < 4; k++)
        {
            float high = (float)values[k];
            sums[2 * k] = high;
            sums[2 * k + 1] = (float)(values[k] - high);
        }
    }

    /// <summary>The four sums back from their fp32 pairs.</summary>
    public static (double Loss, double Correct, double Seen, double Examples) Unpack(float[] s) =>
        ((double)s[0] + s[1], (double)s[2] + s[3], (double)s[4] + s[5], (double)s[6] + s[7]);

    /// <summary>Every parameter's gradient, one after another, into the buffer the reducer averages.</summary>
    public static void Flatten(IReadOnlyList<Parameter> parameters, Span<float> flat)
    {
        int at = 0;
        foreach (var p in parameters) { BlockCopy.Copy<float>(p.Gradient, flat[at..]); at += p.Length; }
    }

    /// <summary>The averaged buffer back into each parameter's gradient.</summary>
    public static void Unflatten(ReadOnlySpan<float> flat, IReadOnlyList<Parameter> parameters)
    {
        int at = 0;
        foreach (var p in parameters) { BlockCopy.Copy(flat.Slice(at, p.Length), p.Gradient); at += p.Length; }
    }
}
