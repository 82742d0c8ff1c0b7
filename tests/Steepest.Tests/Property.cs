using CsCheck;

namespace Steepest.Tests;

/// <summary>
/// Deterministic property checks over CsCheck generators: case i is generated from PCG(stream i, seed), so a run
/// is reproducible and a failure names the case that broke. (Check.Sample reseeds randomly after its first case.)
/// </summary>
internal static class Property
{
    public static void ForAll<T>(Gen<T> gen, ulong seed, int count, Action<T> check, Func<T, string>? describe = null)
    {
        for (int i = 0; i < count; i++) Check(gen.Generate(new PCG((uint)i, seed), null, out _), i, seed, check, describe);
    }

    /// <summary>
    /// <see cref="ForAll"/> over <paramref name="count"/> distinct cases: a case whose key an earlier one had is skipped
    /// and another generated, so that no case is checked twice. Returns the cases generated, skipped ones included.
    /// </summary>
    public static int ForAllDistinct<T>(Gen<T> gen, ulong seed, int count, Func<T, string> key, Action<T> check, Func<T, string>? describe = null)
    {
        var seen = new HashSet<string>();
        int i = 0;
        for (; seen.Count < count; i++)
        {
            if (i > 100 * count) throw new Xunit.Sdk.XunitException($"the generator gave only {seen.Count} distinct cases in {i}");
            var value = gen.Generate(new PCG((uint)i, seed), null, out _);
            if (seen.Add(key(value))) Check(value, i, seed, check, describe);
        }
        return i;
    }

    private static void Check<T>(T value, int i, ulong seed, Action<T> check, Func<T, string>? describe)
    {
        try
        {
            check(value);
        }
        catch (Exception e)
        {
            string input = describe?.Invoke(value) ?? value?.ToString() ?? "null";
            throw new Xunit.Sdk.XunitException($"property failed on case {i} (seed {seed}): {input}\n{e.Message}");
        }
    }
}
