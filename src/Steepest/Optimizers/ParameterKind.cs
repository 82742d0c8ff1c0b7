namespace Steepest.Optimizers;

/// <summary>The kind of module that owns a parameter: routing (Muon, per-module norms) reads it instead of guessing from positions.</summary>
public enum ParameterKind
{
    /// <summary>The weight of a linear layer inside the network (out×in).</summary>
    Linear,
    /// <summary>The filters of a convolution (out×in×kh×kw); as a matrix, out × (in·kh·kw).</summary>
    Conv,
    /// <summary>An embedding table (rows are looked up, never multiplied as a whole).</summary>
    Embedding,
    /// <summary>The gain γ of a normalization layer.</summary>
    NormGain,
    /// <summary>A bias (of a linear, convolution or normalization layer).</summary>
    Bias,
    /// <summary>The weight of the classifier head (produces the logits).</summary>
    Head,
    /// <summary>Anything else.</summary>
    Other,
}
