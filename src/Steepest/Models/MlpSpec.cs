using Steepest.Data;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A multilayer perceptron <c>mlp:784-512-512-10</c> (ReLU; <c>:gelu</c> for GELU), or <c>softmax</c> (softmax
/// regression, two widths): Linear, activation, …, Linear head. Images are flattened first.
/// </summary>
public sealed record MlpSpec(int[] Widths, Activation Activation) : ModelSpec
{
    internal static MlpSpec Softmax(DataShape data)
    {
        RequireVectors("softmax", data);
        return new MlpSpec([data.Features, data.Classes], Activation.Relu) { Data = data };
    }

    internal static MlpSpec Parse(string text, string body, DataShape data)
    {
        RequireVectors(text, data);
        string[] parts = body.Split(':');
        if (parts.Length > 2) throw new ArgumentException($"model '{text}': too many ':' parts");
        var activation = parts.Length == 1 ? Activation.Relu : parts[1] switch
        {
            "relu" => Activation.Relu,
            "gelu" => Activation.Gelu,
            _ => throw new ArgumentException($"model '{text}': unknown activation '{parts[1]}' (relu or gelu)"),
        };
        var widths = parts[0].Split('-').Select(item => Positive(text, item, "layer width", 1 << 16)).ToArray();
        if (widths.Length < 2) throw new ArgumentException($"model '{text}' needs at least an input and an output width");
        if (widths[0] != data.Features) throw new ArgumentException($"model '{text}' takes {widths[0]} inputs but the data has {data.Features} features");
        if (widths[^1] != data.Classes) throw new ArgumentException($"model '{text}' has {widths[^1]} outputs but the data has {data.Classes} classes");
        return new MlpSpec(widths, activation) { Data = data };
    }

    /// <summary>[flatten,] layer1, relu1, layer2, …, layerL (the head); layer l's parameters are layer{l}.weight and layer{l}.bias.</summary>
    protected override Module CreateBody()
    {
        var modules = new List<Module>();
        int[] shape = [.. Data.Example];
        if (shape.Length > 1)
        {
            modules.Add(new Flatten("flatten", shape));
            shape = [Data.Features];
        }
        int layers = Widths.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            bool head = l == layers - 1;
            modules.Add(new Linear($"layer{l + 1}", shape, Widths[l + 1], head ? ParameterKind.Head : ParameterKind.Linear, isInputLayer: l == 0));
            shape = [Widths[l + 1]];
            if (!head) modules.Add(Activation == Activation.Gelu ? new Gelu($"gelu{l + 1}", shape) : new Relu($"relu{l + 1}", shape));
        }
        return new Sequential("mlp", [.. modules]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Widths.Length == 2 ? "softmax" : $"mlp:{string.Join("-", Widths)}{(Activation == Activation.Gelu ? ":gelu" : "")}";

    private static void RequireVectors(string text, DataShape data)
    {
        if (data.IsText) throw new ArgumentException($"model '{text}' classifies vectors or images; for text use gpt:layers=L,width=D,heads=H,context=T");
    }
}
