namespace Steepest.Cli.Infrastructure;

/// <summary>A parsed row-major matrix.</summary>
/// <param name="Values">Row-major values.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
public sealed record Matrix(double[] Values, int Rows, int Columns);
