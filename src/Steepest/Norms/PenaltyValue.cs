namespace Steepest.Norms;

/// <summary>d(x): the value of a convex penalty.</summary>
public delegate double PenaltyValue(ReadOnlySpan<double> x);
