using System.Globalization;

namespace Steepest.Norms;

/// <summary>
/// The max-combination ‖(Δ₁, …, Δ_L)‖ = max_l s_l·‖Δ_l‖_l of block norms over a concatenated vector: one norm
/// for a whole network, whose steepest step updates every layer at once (Bernstein &amp; Newhouse 2024, Prop. 7).
/// Its dual is Σ_l ‖g_l‖*_l / s_l and it dualizes blockwise: t_l = Dualize_l(g_l)/s_l.
/// </summary>
/// <remarks>Tie rule: Subgradient uses the lowest block attaining the max.</remarks>
public sealed class MaxCombinationNorm : Norm
{
    private readonly NormBlock[] blocks;
    private readonly int[] offsets;
    private readonly int length;

    /// <summary>Combines the blocks in order; each needs a positive length (matching the norm's own, if it has one) and a finite scale &gt; 0.</summary>
    public MaxCombinationNorm(IEnumerable<NormBlock> blocks)
    {
        this.blocks = blocks.ToArray();
        if (this.blocks.Length == 0) throw new ArgumentException("a max-combination needs at least one block", nameof(blocks));
        offsets = new int[this.blocks.Length];
        for (int l = 0; l < this.blocks.Length; l++)
        {
            var block = this.blocks[l];
            ArgumentNullException.ThrowIfNull(block.Norm);
            if (block.Length < 1) throw new ArgumentException($"block {l + 1} has length {block.Length}; it must be ≥ 1", nameof(blocks));
            if (block.Norm.Length is int own && own != block.Length)
                throw new ArgumentException($"block {l + 1}: {block.Norm.Name} is defined on {own} elements, the block has {block.Length}", nameof(blocks));
            if (!(block.Scale > 0) || !double.IsFinite(block.Scale))
                throw new ArgumentException($"block {l + 1}: scale must be finite and > 0, got {block.Scale}", nameof(blocks));
            offsets[l] = length;
            length += block.Length;
        }
    }

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<NormBlock> Blocks => blocks;

    /// <inheritdoc/>
    public override int? Length => length;
    /// <inheritdoc/>
    public override string Name =>
        "max(" + string.Join(", ", blocks.Select(b => $"{b.Scale.ToString("G6", CultureInfo.InvariantCulture)}·{b.Norm.Name}[{b.Length}]")) + ")";
    /// <inheritdoc/>
    public override string Symbol => "max_l s_l·‖Δ_l‖_l";
    /// <inheritdoc/>
    public override string DualSymbol => "Σ_l ‖g_l‖*_l/s_l";
    /// <inheritdoc/>
    public override string StepFormula => "u_l = −(α/2)·(Σ_k ‖g_k‖*_k/s_k)·Dualize_l(g_l)/s_l";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "one steepest step for a whole network: each layer moves along its own norm's dualized gradient, with a shared step length";

    private ReadOnlySpan<double> Slice(ReadOnlySpan<double> x, int l) => x.Slice(offsets[l], blocks[l].Length);
    private Span<double> Slice(Span<double> x, int l) => x.Slice(offsets[l], blocks[l].Length);

    /// <summary>max_l s_l·‖x_l‖_l.</summary>
    protected override double ValueCore(ReadOnlySpan<double> x)
    {
        double max = 0;
        for (int l = 0; l < blocks.Length; l++) max = Math.Max(max, blocks[l].Scale * blocks[l].Norm.Value(Slice(x, l)));
        return max;
    }

    /// <summary>Σ_l ‖g_l‖*_l / s_l.</summary>
    protected override double DualNormCore(ReadOnlySpan<double> g)
    {
        double sum = 0;
        for (int l = 0; l < blocks.Length; l++) sum += blocks[l].Norm.DualNorm(Slice(g, l)) / blocks[l].Scale;
        return sum;
    }

    /// <summary>t_l = Dualize_l(g_l)/s_l.</summary>
    protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t) => DualizeWithDualNormCore(g, t);

    /// <summary>Dualizes every block once and sums the block dual norms on the way.</summary>
    protected override double DualizeWithDualNormCore(ReadOnlySpan<double> g, Span<double> t)
    {
        double dual = 0;
        for (int l = 0; l < blocks.Length; l++)
        {
            var block = blocks[l];
            Span<double> tl = Slice(t, l);
            // The steepest step at α = 2 is −‖g_l‖*·Dualize(g_l) and returns ‖g_l‖*: one factorization (SVD) per block.
            double blockDual = block.Norm.SteepestStep(Slice(g, l), 2, tl);
            double factor = blockDual > 0 ? -1 / (blockDual * block.Scale) : 0;
            for (int i = 0; i < tl.Length; i++) tl[i] *= factor;
            dual += blockDual / block.Scale;
        }
        return dual;
    }

    /// <summary>s = s_k·∂‖x_k‖_k in the lowest block k attaining the max, 0 elsewhere.</summary>
    protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
    {
        int best = 0;
        double max = -1;
        for (int l = 0; l < blocks.Length; l++)
        {
            double value = blocks[l].Scale * blocks[l].Norm.Value(Slice(x, l));
            if (value > max) { max = value; best = l; }
        }
        s.Clear();
        Span<double> sb = Slice(s, best);
        blocks[best].Norm.Subgradient(Slice(x, best), sb);
        for (int i = 0; i < sb.Length; i++) sb[i] *= blocks[best].Scale;
    }

    /// <summary>The ball is a product of block balls of radius r/s_l, so the projection is blockwise.</summary>
    protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
    {
        for (int l = 0; l < blocks.Length; l++) blocks[l].Norm.ProjectOntoBall(Slice(v, l), radius / blocks[l].Scale, Slice(p, l));
    }
}
