using System.ComponentModel;
using Spectre.Console.Cli;

namespace Steepest.Cli.Commands;

/// <summary>Options of <c>steepest derive</c>.</summary>
public sealed class DeriveSettings : CommandSettings
{
    /// <summary>The norm's catalogue name.</summary>
    [CommandOption("--norm <NAME>")]
    [Description("l2, linf, l1, lp:P, weighted, frobenius, spectral or rms")]
    public string? Norm { get; set; }

    /// <summary>The gradient: values separated by ',', matrix rows by ';'.</summary>
    [CommandOption("--grad <G>")]
    [Description("gradient g: comma list, matrix rows separated by ';' (write --grad=-1,2 when it starts with '-')")]
    public string? Grad { get; set; }

    /// <summary>The penalty weight α &gt; 0.</summary>
    [CommandOption("--alpha <A>")]
    [Description("α > 0 in u = argmin ⟨g,Δ⟩ + (1/α)·‖Δ‖²")]
    public string? Alpha { get; set; }

    /// <summary>Weights dᵢ &gt; 0 for the weighted norm.</summary>
    [CommandOption("--weights <D>")]
    [Description("weights dᵢ > 0 of ‖x‖_D = √(Σ dᵢxᵢ²), one per element (weighted norm only)")]
    public string? Weights { get; set; }

    /// <summary>Print one JSON object instead of text.</summary>
    [CommandOption("--json")]
    [Description("print one JSON object")]
    public bool Json { get; set; }

    /// <summary>PNG with the unit ball, −g and u (2-component gradients).</summary>
    [CommandOption("--plot <FILE>")]
    [Description("write a PNG of the unit ball, −g and u (gradients with 2 components)")]
    public string? Plot { get; set; }
}
