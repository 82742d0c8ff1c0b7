using Steepest.Data;
using Steepest.Optimizers;

namespace Steepest.Models;

/// <summary>
/// A convnet <c>cnn:C1-C2-…</c>: per Cᵢ, a 3×3 convolution with padding 1 and Cᵢ filters, ReLU, and a 2×2 max-pool;
/// then a linear classifier on the flattened features. Input channels and size come from the data.
/// </summary>
public sealed record CnnSpec(int[] Channels) : ModelSpec
{
    internal static CnnSpec Parse(string text, string body, DataShape data)
    {
        if (!data.IsImage) throw new ArgumentException($"model '{text}' needs images (H×W×C); the data is {data}");
        var channels = body.Split('-').Select(item => Positive(text, item, "channel count", 4096)).ToArray();
        int h = data.Example[0], w = data.Example[1];
        for (int i = 0; i < channels.Length; i++)
        {
            if (h < 2 || w < 2)
                throw new ArgumentException($"model '{text}': block {i + 1} would pool a {h}×{w} map; {data.Example[0]}×{data.Example[1]} images allow at most {i} blocks");
            (h, w) = (h / 2, w / 2);
        }
        return new CnnSpec(channels) { Data = data };
    }

    /// <summary>conv1, relu1, pool1, …, flatten, head.</summary>
    protected override Module CreateBody()
    {
        var modules = new List<Module>();
        int[] shape = [.. Data.Example];
        for (int i = 0; i < Channels.Length; i++)
        {
            var conv = new Conv2d($"conv{i + 1}", shape, Channels[i], 3, 3, stride: 1, padding: 1, isInputLayer: i == 0);
            var relu = new Relu($"relu{i + 1}", [.. conv.OutputShape]);
            var pool = new MaxPool2d($"pool{i + 1}", [.. conv.OutputShape], 2, 2);
            modules.AddRange([conv, relu, pool]);
            shape = [.. pool.OutputShape];
        }
        var flatten = new Flatten("flatten", shape);
        modules.Add(flatten);
        modules.Add(new Linear("head", [.. flatten.OutputShape], Data.Classes, ParameterKind.Head));
        return new Sequential("cnn", [.. modules]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"cnn:{string.Join("-", Channels)}";
}
