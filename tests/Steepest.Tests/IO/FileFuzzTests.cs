using CsCheck;
using Steepest.Data;
using Steepest.Optimizers;
using Steepest.Tests.Optimizers;

namespace Steepest.Tests.IO;

/// <summary>
/// Readers of the files Steepest loads, fed real files cut short, with bytes flipped, with garbage appended, or
/// replaced by random bytes: each either reads a file of the right shape or throws a clean InvalidDataException,
/// never an index out of range, an overflow or a hang.
/// </summary>
public sealed class FileFuzzTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("steepest-file-fuzz-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    /// <summary>How one case damages the file: cut at a fraction, flip a byte, append bytes, or random content.</summary>
    private sealed record Damage(int Kind, double Where, byte Value, byte[] Noise)
    {
        public byte[] Apply(byte[] original)
        {
            int at = (int)(Where * original.Length);
            switch (Kind)
            {
                case 0: return original[..at];
                case 1:
                    var flipped = (byte[])original.Clone();
                    flipped[Math.Min(at, original.Length - 1)] ^= (byte)(Value | 1);
                    return flipped;
                case 2: return [.. original, .. Noise];
                case 3: return Noise;
                default:
                    // A header field: the first 64 bytes are where lengths and dimensions live.
                    var header = (byte[])original.Clone();
                    header[(int)(Where * Math.Min(64, original.Length))] = Value;
                    return header;
            }
        }

        public override string ToString() => $"kind {Kind} at {Where:F3}, value {Value}, {Noise.Length} noise bytes";
    }

    private static readonly Gen<Damage> Damages =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 0.999], Gen.Byte, Gen.Byte.Array[0, 300], (k, w, v, n) => new Damage(k, w, v, n));

    [Fact]
    public void TheIdxReaderNeverFailsUncleanly()
    {
        string raw = Path.Combine(folder, "images"), gz = Path.Combine(folder, "images.gz");
        var pixels = Enumerable.Range(0, 5 * 4 * 3).Select(i => (byte)i).ToArray();
        IdxFile.WriteBytes(raw, [5, 4, 3], pixels, gzip: false);
        IdxFile.WriteBytes(gz, [5, 4, 3], pixels, gzip: true);
        foreach (string original in (string[])[raw, gz])
        {
            byte[] bytes = File.ReadAllBytes(original);
            string damaged = Path.Combine(folder, "damaged" + Path.GetExtension(original));
            Property.ForAll(Damages, 16, 1000, damage =>
            {
                File.WriteAllBytes(damaged, damage.Apply(bytes));
                try
                {
                    var array = IdxFile.Read(damaged);
                    Assert.Equal(array.Dimensions.Aggregate(1L, (a, d) => a * d), array.Values.LongLength);
                }
                catch (InvalidDataException e)
                {
                    Assert.Contains(damaged, e.Message);
                }
            });
        }
    }

    [Fact]
    public void TheParameterAndOptimizerStateReadersNeverFailUncleanly()
    {
        var parameters = RecipeTests.Parameters(large: false);
        var optimizer = new Optimizer(Recipes.AdamW(), parameters);
        optimizer.Step();
        string model = Path.Combine(folder, "model.bin"), state = Path.Combine(folder, "optimizer.bin");
        ParameterFile.Save(parameters, model);
        OptimizerStateFile.Save(optimizer, state);
        foreach (var (original, load) in new (string, Action<string>)[]
        {
            (model, path => ParameterFile.Load(parameters, path)),
            (state, path => OptimizerStateFile.Load(optimizer, path)),
        })
        {
            byte[] bytes = File.ReadAllBytes(original);
            string damaged = Path.Combine(folder, "damaged.bin");
            Property.ForAll(Damages, 17, 1000, damage =>
            {
                File.WriteAllBytes(damaged, damage.Apply(bytes));
                try { load(damaged); }
                catch (InvalidDataException) { }
            });
        }
    }
}
