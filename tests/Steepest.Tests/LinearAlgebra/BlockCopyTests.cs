using CsCheck;
using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public class BlockCopyTests
{
    // Lengths across every loop of the copy (the 32-byte head, the 128-byte body, the 32-byte steps and the tail), and
    // offsets that put the target at every distance from the source modulo 64, the case memmove runs slowly on.
    private static readonly Gen<(int Length, int From, int To)> Cases = Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 127], Gen.Int[0, 127]);

    [Fact]
    public void CopiesExactlyTheSourceAndTouchesNothingElse()
    {
        Property.ForAll(Cases, 11, 400, c =>
        {
            var (length, from, to) = c;
            byte[] source = new byte[length + 128], target = new byte[length + 128];
            new Random(length + 7 * from + 13 * to).NextBytes(source);
            Array.Fill(target, (byte)0xA5);
            BlockCopy.Copy<byte>(source.AsSpan(from, length), target.AsSpan(to, length + 128 - to));
            Assert.Equal(source.AsSpan(from, length).ToArray(), target.AsSpan(to, length).ToArray());
            Assert.All(target.AsSpan(0, to).ToArray(), b => Assert.Equal(0xA5, b));
            Assert.All(target.AsSpan(to + length).ToArray(), b => Assert.Equal(0xA5, b));
        });
    }

    [Fact]
    public void OverlappingSpansAreCopiedAsMemmoveCopiesThem()
    {
        Property.ForAll(Cases, 12, 400, c =>
        {
            var (length, from, to) = c;
            var buffer = new float[length + 128];
            for (int i = 0; i < buffer.Length; i++) buffer[i] = i;
            var expected = (float[])buffer.Clone();
            Array.Copy(expected, from, expected, to, length); // Array.Copy is defined as if through a temporary
            BlockCopy.Copy<float>(buffer.AsSpan(from, length), buffer.AsSpan(to, length));
            Assert.Equal(expected, buffer);
        });
    }

    [Fact]
    public void FloatsKeepTheirBitsNaNsAndSignedZerosIncluded()
    {
        float[] source = [float.NaN, -0f, float.PositiveInfinity, float.Epsilon, -1.5f, BitConverter.Int32BitsToSingle(0x7FC01234)];
        var target = new float[source.Length];
        BlockCopy.Copy<float>(source, target);
        Assert.Equal(source.Select(BitConverter.SingleToInt32Bits), target.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void ATargetShorterThanTheSourceIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => BlockCopy.Copy<float>(new float[5], new float[4]));
        Assert.Contains("source has 5 values, target only 4", e.Message);
        BlockCopy.Copy<float>([], []); // nothing to copy is fine
    }
}
