using Steepest.Data;

namespace Steepest.Models;

/// <summary>
/// A pre-LayerNorm GPT <c>gpt:layers=L,width=D,heads=H,context=T</c> over the data's vocabulary: token and learned
/// position embeddings; L blocks of x ← x + Attention(LN(x)), x ← x + W₂·GELU(W₁·LN(x)) with a 4D hidden width;
/// a final LayerNorm and a linear head that predicts the next token at every position.
/// </summary>
public sealed record GptSpec(int Layers, int Width, int Heads, int Context) : ModelSpec
{
    private static readonly string[] Keys = ["layers", "width", "heads", "context"];

    /// <summary>The blocks' total mass in the modular norm (modula's blocks_mass), split evenly over the blocks.</summary>
    public const double BlocksMass = 5;

    /// <summary>The vocabulary size (from the data).</summary>
    public int Vocabulary => Data.Classes;

    internal static GptSpec Parse(string text, string body, DataShape data)
    {
        if (!data.IsText) throw new ArgumentException($"model '{text}' is a language model; it needs a text dataset (text:FILE), not {data}");
        var values = new Dictionary<string, int>();
        foreach (string item in body.Split(','))
        {
            string[] pair = item.Split('=');
            if (pair.Length != 2 || !Keys.Contains(pair[0]))
                throw new ArgumentException($"model '{text}': '{item}' is not one of {string.Join(", ", Keys.Select(k => k + "=N"))}");
            if (!values.TryAdd(pair[0], Positive(text, pair[1], pair[0] switch { "layers" => "layer count", "heads" => "head count", _ => pair[0] }, pair[0] == "layers" ? 256 : 1 << 14)))
                throw new ArgumentException($"model '{text}': {pair[0]} is given twice");
        }
        foreach (string key in Keys)
            if (!values.ContainsKey(key)) throw new ArgumentException($"model '{text}': {key}= is missing (gpt:layers=L,width=D,heads=H,context=T)");
        if (values["width"] % values["heads"] != 0)
            throw new ArgumentException($"model '{text}': {values["heads"]} heads do not divide the width {values["width"]}");
        return new GptSpec(values["layers"], values["width"], values["heads"], values["context"]) { Data = data };
    }

    /// <summary>tokens, positions, block1 … blockL, ln, head.</summary>
    protected override Module CreateBody()
    {
        int[] sequence = [Context, Width];
        var modules = new List<Module> { new TokenEmbedding("tokens", Vocabulary, Width, Context), new PositionEmbedding("positions", Context, Width) };
        // modula's GPT masses: the embedding 1 (here shared by tokens and positions), all blocks together 5, the head 1.
        modules[0].Tare(0.5);
        modules[1].Tare(0.5);
        for (int l = 1; l <= Layers; l++)
        {
            string block = $"block{l}";
            var attention = new Sequential($"{block}.attention", new LayerNorm($"{block}.ln1", sequence), new CausalSelfAttention($"{block}.attention", Context, Width, Heads));
            var mlp = new Sequential($"{block}.mlp",
                new LayerNorm($"{block}.ln2", sequence),
                new Linear($"{block}.mlp.fc", sequence, 4 * Width),
                new Gelu($"{block}.mlp.gelu", [Context, 4 * Width]),
                new Linear($"{block}.mlp.proj", [Context, 4 * Width], Width));
            var blockModule = new Sequential(block, new Residual($"{block}.attention.residual", attention), new Residual($"{block}.mlp.residual", mlp));
            blockModule.Tare(BlocksMass / Layers);
            modules.Add(blockModule);
        }
        modules.Add(new LayerNorm("ln", sequence));
        modules.Add(new Linear("head", sequence, Vocabulary, Optimizers.ParameterKind.Head));
        return new Sequential("gpt", [.. modules]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"gpt:layers={Layers},width={Width},heads={Heads},context={Context}";
}
