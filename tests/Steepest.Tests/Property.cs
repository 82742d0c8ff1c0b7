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
        for (int i = 0; i < count; i++)
        {
            var value = gen.Generate(new PCG((uint)i, seed), null, out _);
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
}
