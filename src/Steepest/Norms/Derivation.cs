using System.Numerics.Tensors;

namespace Steepest.Norms;

/// <summary>
/// Problem 1 for one norm and gradient: the closed-form update u = −(α/2)·‖g‖*·Dualize(g) with its objective
/// F(u) = ⟨g, u⟩ + (1/α)‖u‖², beside the general solver's independent answer.
/// </summary>
public sealed class Derivation
{
    private Derivation(Norm norm, double[] gradient, double alpha, double[] update, double dualNorm, double objective, PenalizedSolution numeric)
    {
        Norm = norm;
        Gradient = gradient;
        Alpha = alpha;
        Update = update;
        DualNorm = dualNorm;
        Objective = objective;
        Numeric = numeric;
    }

    /// <summary>The norm that defines the distance penalty.</summary>
    public Norm Norm { get; }

    /// <summary>The gradient g (row-major for matrices).</summary>
    public double[] Gradient { get; }

    /// <summary>The penalty weight α in (1/α)·‖Δ‖².</summary>
    public double Alpha { get; }

    /// <summary>The closed-form update u.</summary>
    public double[] Update { get; }

    /// <summary>‖g‖*.</summary>
    public double DualNorm { get; }

    /// <summary>F(u) = ⟨g, u⟩ + (1/α)·‖u‖², evaluated at the closed form (theory: −(α/4)·‖g‖*²).</summary>
    public double Objective { get; }

    /// <summary>The general solver's result for the same problem.</summary>
    public PenalizedSolution Numeric { get; }

    /// <summary>Derives the update for <paramref name="norm"/> at gradient <paramref name="g"/> with weight α.</summary>
    public static Derivation Of(Norm norm, ReadOnlySpan<double> g, double alpha, PenalizedSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(norm);
        var update = new double[g.Length];
        double dual = norm.SteepestStep(g, alpha, update);
        double size = norm.Value(update);
        double objective = TensorPrimitives.Dot(g, update) + size * size / alpha;
        var numeric = PenalizedLinearSolver.Solve(g, alpha, ConvexPenalty.SquaredNorm(norm), options);
        return new Derivation(norm, g.ToArray(), alpha, update, dual, objective, numeric);
    }
}
