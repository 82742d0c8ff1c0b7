namespace Steepest.Norms;

/// <summary>Writes prox_{λd}(v) = argmin_x λ·d(x) + ½‖x − v‖₂² into <paramref name="x"/>.</summary>
public delegate void PenaltyProx(ReadOnlySpan<double> v, double lambda, Span<double> x);
