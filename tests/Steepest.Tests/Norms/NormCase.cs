using CsCheck;
using Steepest.Norms;

namespace Steepest.Tests.Norms;

/// <summary>A norm with a gradient and a step size to test it on.</summary>
internal sealed record NormCase(Norm Norm, double[] G, double Alpha)
{
    public override string ToString() =>
        $"{Norm.Name} n={G.Length} α={Alpha:G4} g=[{string.Join(", ", G.Take(6).Select(v => v.ToString("G4")))}{(G.Length > 6 ? ", …" : "")}]";

    /// <summary>Gradients of a given length: dense, all-zero, sparse, tied (small integers), and widely scaled.</summary>
    public static Gen<double[]> Gradient(int length) => Gen.Frequency(
        (8, Gen.Double[-10, 10].Array[length]),
        (1, Gen.Const(0).Select(_ => new double[length])),
        (2, Gen.Double[-5, 5].Array[length].SelectMany(values => Gen.Bool.Array[length].Select(keep =>
            values.Select((v, i) => keep[i] ? v : 0.0).ToArray()))),
        (2, Gen.Int[-2, 2].Array[length].Select(values => values.Select(v => (double)v).ToArray())),
        (1, Gen.Double[-3, 3].Array[length].Select(values => values.Select(v => Math.Pow(10, v) * Math.Sign(v)).ToArray())));

    public static Gen<double> StepSize => Gen.Double[0.01, 10];

    /// <summary>Vector lengths weighted toward small ones, but reaching 2000; 1 is always possible.</summary>
    public static Gen<int> VectorLength => Gen.Frequency((3, Gen.Int[1, 8]), (3, Gen.Int[9, 200]), (1, Gen.Int[201, 2000]));

    public static Gen<NormCase> VectorNorm(Func<Gen<Norm>> norm) =>
        from n in VectorLength
        from made in norm()
        from g in Gradient(n)
        from alpha in StepSize
        select new NormCase(made, g, alpha);

    public static Gen<NormCase> Weighted =>
        from n in VectorLength
        from weights in Gen.Double[0.05, 20].Array[n]
        from g in Gradient(n)
        from alpha in StepSize
        select new NormCase(new WeightedL2Norm(weights), g, alpha);

    public static Gen<NormCase> Matrix(Func<int, int, Norm> norm, int maxSide) =>
        from rows in Gen.Frequency((1, Gen.Const(1)), (4, Gen.Int[1, maxSide]))
        from columns in Gen.Frequency((1, Gen.Const(1)), (4, Gen.Int[1, maxSide]))
        from g in MatrixGradient(rows, columns)
        from alpha in StepSize
        select new NormCase(norm(rows, columns), g, alpha);

    /// <summary>Matrix gradients, including exactly rank-deficient ones (outer products) and zero.</summary>
    private static Gen<double[]> MatrixGradient(int rows, int columns) => Gen.Frequency(
        (6, Gradient(rows * columns)),
        (2, from u in Gen.Double[-3, 3].Array[rows]
            from v in Gen.Double[-3, 3].Array[columns]
            from w in Gen.Double[-3, 3].Array[rows]
            from z in Gen.Double[-3, 3].Array[columns]
            select Enumerable.Range(0, rows * columns).Select(k => u[k / columns] * v[k % columns] + w[k / columns] * z[k % columns]).ToArray()));

    public static Gen<NormCase> Block =>
        from count in Gen.Int[1, 4]
        from parts in BlockPart.Array[count]
        from alpha in StepSize
        select new NormCase(
            new MaxCombinationNorm(parts.Select(p => new NormBlock(p.Norm, p.G.Length, p.Scale))),
            parts.SelectMany(p => p.G).ToArray(), alpha);

    private sealed record Part(Norm Norm, double[] G, double Scale);

    private static Gen<Part> BlockPart => Gen.OneOf(
        from n in Gen.Int[1, 30] from g in Gradient(n) from s in Gen.Double[0.2, 5] select new Part(new L2Norm(), g, s),
        from n in Gen.Int[1, 30] from g in Gradient(n) from s in Gen.Double[0.2, 5] select new Part(new LInfinityNorm(), g, s),
        from n in Gen.Int[1, 30] from g in Gradient(n) from s in Gen.Double[0.2, 5] select new Part(new L1Norm(), g, s),
        from r in Gen.Int[1, 6] from c in Gen.Int[1, 6] from g in Gradient(r * c) from s in Gen.Double[0.2, 5] select new Part(new SpectralNorm(r, c), g, s),
        from r in Gen.Int[1, 6] from c in Gen.Int[1, 6] from g in Gradient(r * c) from s in Gen.Double[0.2, 5] select new Part(new RmsOperatorNorm(r, c), g, s),
        from r in Gen.Int[1, 6] from c in Gen.Int[1, 6] from g in Gradient(r * c) from s in Gen.Double[0.2, 5] select new Part(new RowRmsNorm(r, c), g, s));
}
