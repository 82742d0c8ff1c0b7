using System.Numerics.Tensors;
using Steepest.LinearAlgebra;

namespace Steepest.Norms;

/// <summary>The few vector operations the solver's methods share.</summary>
internal static class SolverVectors
{
    /// <summary>‖x‖₂.</summary>
    public static double Norm2(ReadOnlySpan<double> x) => OrderedSums.Norm(x);

    /// <summary>‖a − b‖₂.</summary>
    public static double Distance(double[] a, double[] b) => OrderedSums.Distance(a, b);

    /// <summary>A new vector a − b.</summary>
    public static double[] Difference(double[] a, double[] b)
    {
        var d = new double[a.Length];
        TensorPrimitives.Subtract<double>(a, b, d);
        return d;
    }

    /// <summary>Whether every entry is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double value in x)
            if (!double.IsFinite(value)) return false;
        return true;
    }
}
