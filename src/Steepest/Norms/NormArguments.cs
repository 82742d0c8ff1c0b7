namespace Steepest.Norms;

/// <summary>What a <see cref="NormEntry"/> builds from: the input's shape, its weights, and the name's parameter.</summary>
/// <param name="Rows">Rows of the input (1 for a vector).</param>
/// <param name="Columns">Columns of the input.</param>
/// <param name="Weights">One weight per entry for a norm that takes weights; empty otherwise.</param>
/// <param name="Parameter">The text after the colon of a parametric name ("3" in "lp:3"); empty otherwise.</param>
/// <param name="Written">The name as it was written, for messages.</param>
public sealed record NormArguments(int Rows, int Columns, double[] Weights, string Parameter, string Written);
