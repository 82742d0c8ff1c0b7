using Steepest.LinearAlgebra;

namespace Steepest.Tests.LinearAlgebra;

public sealed class RationalTests
{
    [Theory]
    [InlineData(0.1, "1/10")]
    [InlineData(0.01, "1/100")]
    [InlineData(-2.5, "-5/2")]
    [InlineData(1e-5, "1/100000")]
    [InlineData(3, "3")]
    [InlineData(1.5e20, "150000000000000000000")]
    [InlineData(0, "0")]
    public void A_typed_decimal_becomes_its_exact_fraction(double value, string fraction) =>
        Assert.Equal(fraction, Rational.FromDecimal(value).ToString());

    [Theory]
    [InlineData(10000, 10101, 4, "0.9900")]
    [InlineData(100, 10101, 4, "0.0099")]
    [InlineData(100, 3, 4, "33.3333")]
    [InlineData(-1, 40, 4, "-0.0250")]
    [InlineData(1, 8, 2, "0.13")]
    [InlineData(-1, 8, 2, "-0.13")]
    [InlineData(-1, 300, 2, "0.00")]
    [InlineData(2, 3, 0, "1")]
    public void Fixed_places_round_half_away_from_zero(long p, long q, int places, string shown) =>
        Assert.Equal(shown, new Rational(p, q).ToFixed(places));

    [Fact]
    public void Terminating_fractions_print_as_decimals_and_others_as_fractions()
    {
        Assert.Equal("1.0101", new Rational(10101, 10000).ToDecimalOrFraction());
        Assert.Equal("0.025", new Rational(1, 40).ToDecimalOrFraction());
        Assert.Equal("4.5", new Rational(9, 2).ToDecimalOrFraction());
        Assert.Equal("1/3", new Rational(1, 3).ToDecimalOrFraction());
        Assert.Equal("7", new Rational(14, 2).ToDecimalOrFraction());
    }

    [Fact]
    public void Arithmetic_is_exact_and_agrees_with_doubles_on_random_fractions()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 500; trial++)
        {
            var a = new Rational(random.Next(-1000, 1000), random.Next(1, 1000));
            var b = new Rational(random.Next(-1000, 1000) | 1, random.Next(1, 1000));
            Assert.Equal(a.ToDouble() + b.ToDouble(), (a + b).ToDouble(), 1e-12);
            Assert.Equal(a.ToDouble() * b.ToDouble(), (a * b).ToDouble(), 1e-12);
            Assert.Equal(a.ToDouble() / b.ToDouble(), (a / b).ToDouble(), 1e-9);
            Assert.Equal(a, a + b - b);
            Assert.True((a / b * b - a).Sign == 0);
        }
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rational.FromDecimal(double.NaN));
    }
}
