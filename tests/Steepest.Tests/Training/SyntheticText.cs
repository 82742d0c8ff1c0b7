using Steepest.Data;

namespace Steepest.Tests.Training;

/// <summary>Generated text for the language-model tests: words from a small seeded Markov chain, so there is something to learn.</summary>
internal static class SyntheticText
{
    public static byte[] Bytes(int length, int seed)
    {
        string[] words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far", "away", "home"];
        var random = new Random(seed);
        var text = new List<byte>(length + 8);
        int word = 0;
        while (text.Count < length)
        {
            text.AddRange(System.Text.Encoding.ASCII.GetBytes(words[word]));
            text.Add(random.Next(8) == 0 ? (byte)'\n' : (byte)' ');
            word = (word * 5 + 1 + random.Next(3)) % words.Length;
        }
        return text.Take(length).ToArray();
    }

    public static TextCorpus Corpus(int length, int seed = 1) => new(Bytes(length, seed), "synthetic text");
}
