namespace Steepest.Norms;

/// <summary>One block of a <see cref="MaxCombinationNorm"/>: a norm on <paramref name="Length"/> consecutive elements, weighted by <paramref name="Scale"/> &gt; 0.</summary>
/// <param name="Norm">The block's norm.</param>
/// <param name="Length">How many elements of the concatenated vector the block owns.</param>
/// <param name="Scale">The factor s_l in max_l s_l·‖Δ_l‖_l.</param>
public readonly record struct NormBlock(Norm Norm, int Length, double Scale);
