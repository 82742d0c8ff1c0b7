using Spectre.Console.Cli;
using Steepest.Cli.Infrastructure;
using Steepest.Cli.Plots;
using Steepest.Cli.Presenters;
using Steepest.Norms;

namespace Steepest.Cli.Commands;

/// <summary><c>steepest derive</c>: problem 1 for any catalogue norm.</summary>
public sealed class DeriveCommand(CliOutput io) : Command<DeriveSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, DeriveSettings settings, CancellationToken cancellationToken)
    {
        var request = Parse(settings);
        var derivation = Derive(request);
        if (request.PlotPath is not null) UnitBallPlot.Save(request.PlotPath, derivation);
        if (settings.Json) io.Out.WriteLine(DerivationPresenter.Document(derivation, request.Gradient.Rows, request.Gradient.Columns));
        else DerivationPresenter.WriteText(io.Out, derivation, request.Gradient.Rows, request.Gradient.Columns, request.PlotPath);
        // The solver is the closed form's independent check: when it lands elsewhere, say so rather than print the pair silently.
        if (!derivation.SolverAgrees)
            io.Error.WriteLine($"steepest: warning: the general solver stopped at objective {Format.Number(derivation.Numeric.Objective)} ({derivation.Numeric.Status.ToString().ToLowerInvariant()}), "
                + $"not the closed form's {Format.Number(derivation.Objective)}: they differ by more than {Derivation.AgreementTolerance:G1} (relative); the closed form is exact");
        return CliHost.Success;
    }

    internal sealed record Request(Norm Norm, Matrix Gradient, double Alpha, string? PlotPath);

    /// <summary>The closed form and its numeric check for a validated request; what the library refuses is still input (exit 2, or 400).</summary>
    internal static Derivation Derive(Request request)
    {
        try { return Derivation.Of(request.Norm, request.Gradient.Values, request.Alpha); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary>Validates every option before any work, so bad input costs nothing and writes nothing.</summary>
    internal static Request Parse(DeriveSettings settings)
    {
        var norms = NormRegistry.Default;
        if (string.IsNullOrWhiteSpace(settings.Norm))
            throw new UsageException($"--norm is required: {string.Join("; ", norms.Entries.Select(e => $"{e.Name} ({e.Display})"))}");
        var gradient = NumberParsing.Matrix(settings.Grad, "--grad");
        double alpha = NumberParsing.Positive(settings.Alpha, "--alpha");
        string name = settings.Norm.Trim().ToLowerInvariant();
        // An unknown name is unknown whatever the gradient's shape: let the registry say so (or name the missing
        // parameter, as for a bare "lp") before the shape is judged.
        var entry = norms.Find(name) ?? throw new UsageException($"--norm: {Refusal(() => norms.Parse(name, 1, 1))}");
        if (gradient.Rows > 1 && !entry.OnMatrices)
            throw new UsageException($"--norm {settings.Norm} is a vector norm but --grad is a {gradient.Rows}×{gradient.Columns} matrix; use {Alternatives(norms.Entries.Where(e => e.OnMatrices))}, or give one row");
        double[] weights = settings.Weights is null ? [] : NumberParsing.List(settings.Weights, "--weights");
        bool takesWeights = entry.TakesWeights;
        if (takesWeights && settings.Weights is null) throw new UsageException($"--norm {entry.Name} needs --weights (one dᵢ > 0 per gradient element)");
        if (!takesWeights && settings.Weights is not null)
            throw new UsageException($"--weights is only used by --norm {Alternatives(norms.Entries.Where(e => e.TakesWeights))}, not by {settings.Norm}");
        Norm norm;
        try
        {
            norm = NormCatalogue.Parse(name, gradient.Rows, gradient.Columns, weights);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--norm: {e.Message}");
        }
        string? plot = null;
        if (settings.Plot is not null)
        {
            plot = AtomicFile.ValidateTarget(settings.Plot, "--plot");
            if (gradient.Values.Length != 2)
                throw new UsageException($"--plot draws the plane of a 2-component gradient; --grad has {gradient.Values.Length} components");
        }
        return new Request(norm, gradient, alpha, plot);
    }

    /// <summary>The message of the ArgumentException <paramref name="parse"/> throws.</summary>
    private static string Refusal(Action parse)
    {
        try { parse(); }
        catch (ArgumentException e) { return e.Message; }
        throw new InvalidOperationException("the registry accepted a name it cannot find");
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    private static string Alternatives(IEnumerable<NormEntry> entries)
    {
        var names = entries.Select(e => e.Name).ToArray();
        return names.Length <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
