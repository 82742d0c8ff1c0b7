using Steepest.Cli.Infrastructure;
using Steepest.Norms;

namespace Steepest.Cli.Presenters;

/// <summary>A derivation (problem 1) as text and as JSON: what <c>derive</c>, the tour and <c>serve</c> print.</summary>
internal static class DerivationPresenter
{
    /// <summary>derive's text: one labelled row per quantity.</summary>
    internal static void WriteText(TextWriter output, Derivation d, int rows, int columns, string? plotPath)
    {
        var numeric = d.Numeric;
        void Row(string label, string value) => output.WriteLine($"{label,-10} {value}");
        Row("norm", $"{d.Norm.Name}   {d.Norm.Symbol}, dual {d.Norm.DualSymbol}");
        Row("gradient", $"g = {Format.Matrix(d.Gradient, rows, columns)}   ({rows}×{columns})");
        Row("alpha", $"α = {Format.Number(d.Alpha)}");
        Row("dual norm", $"{d.Norm.DualSymbol} = {Format.Number(d.DualNorm)}");
        Row("update", $"u = {Format.Matrix(d.Update, rows, columns)}");
        Row("formula", d.Norm.StepFormula);
        Row("optimizer", d.Norm.RecoveredOptimizer);
        Row("objective", $"⟨g,u⟩ + (1/α)·‖u‖² = {Format.Number(d.Objective)}   (theory −(α/4)·‖g‖*² = {Format.Number(-d.Alpha / 4 * d.DualNorm * d.DualNorm)})");
        Row("numeric", $"{Format.Number(numeric.Objective)}   general solver, {numeric.Summary}");
        if (plotPath is not null) Row("plot", plotPath);
    }

    /// <summary>derive --json: one object.</summary>
    internal static string Document(Derivation d, int rows, int columns) => Json.Document(w =>
    {
        w.WriteStartObject();
        WriteFields(w, d, rows, columns);
        w.WriteEndObject();
    });

    /// <summary>The fields of <c>derive --json</c>, shared with the tour's problem 1 and <c>serve</c>'s /api/derive.</summary>
    internal static void WriteFields(System.Text.Json.Utf8JsonWriter w, Derivation d, int rows, int columns)
    {
        w.WriteString("norm", d.Norm.Name);
        w.Numbers("update", d.Update);
        w.Integers("shape", [rows, columns]);
        w.Number("dualNorm", d.DualNorm);
        w.Number("objective", d.Objective);
        w.Number("numericObjective", d.Numeric.Objective);
        w.WriteBoolean("solverAgrees", d.SolverAgrees);
        w.WriteString("optimizer", d.Norm.RecoveredOptimizer);
        w.WriteString("formula", d.Norm.StepFormula);
        w.Number("alpha", d.Alpha);
        w.Numbers("gradient", d.Gradient);
        w.WriteString("solverStatus", d.Numeric.Status.ToString().ToLowerInvariant());
        w.Number("solverResidual", d.Numeric.Residual);
        w.WriteString("solverMethod", d.Numeric.Method.Name());
    }

    /// <summary>The tour's line for a worked part: the library's closed form and the solver's objective beside it.</summary>
    internal static string Computed(Derivation d, int rows, int columns) =>
        $"u = {Format.Matrix(d.Update, rows, columns)} by the closed form ({d.Norm.RecoveredOptimizer}); general solver objective {Format.Number(d.Numeric.Objective)}, closed form {Format.Number(d.Objective)}";
}
