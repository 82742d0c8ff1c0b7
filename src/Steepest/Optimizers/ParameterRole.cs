namespace Steepest.Optimizers;

/// <summary>What a parameter is for, so routing can send each kind to the right optimizer.</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix between hidden layers (Muon's domain).</summary>
    HiddenWeight,
    /// <summary>The first layer's weight (reads the raw input).</summary>
    InputWeight,
    /// <summary>The last layer's weight (produces logits).</summary>
    OutputWeight,
    /// <summary>An embedding table.</summary>
    Embedding,
    /// <summary>A bias or other vector (gains, offsets).</summary>
    Bias,
    /// <summary>Anything else.</summary>
    Other,
}
