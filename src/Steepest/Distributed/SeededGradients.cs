namespace Steepest.Distributed;

/// <summary>Reproducible random gradients for experiments: worker w of seed s always gets the same values in [−1, 1).</summary>
public static class SeededGradients
{
    /// <summary>The gradient of <paramref name="worker"/> under <paramref name="seed"/>, of length <paramref name="length"/>.</summary>
    public static float[] For(int seed, int worker, int length)
    {
        var random = new Random(unchecked(seed * 7919 + worker * 104729 + 17));
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
