using System.Globalization;
using System.Numerics;

namespace Steepest.LinearAlgebra;

/// <summary>
/// An exact fraction p/q (q &gt; 0, in lowest terms) for closed forms that should be shown exactly, as a student would
/// write them: 10000/10101 rather than 0.990000990….
/// </summary>
public readonly record struct Rational
{
    /// <summary>p, carrying the sign.</summary>
    public BigInteger Numerator { get; }

    /// <summary>q &gt; 0.</summary>
    public BigInteger Denominator { get; }

    /// <summary>p/q reduced to lowest terms with q &gt; 0.</summary>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("a fraction's denominator cannot be 0");
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (denominator.Sign < 0) divisor = -divisor;
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    /// <summary>0.</summary>
    public static Rational Zero => new(0, 1);

    /// <summary>1.</summary>
    public static Rational One => new(1, 1);

    /// <summary>The decimal a user typed (0.1 is 1/10, not the nearest double): the double's shortest round-trip digits, exactly.</summary>
    public static Rational FromDecimal(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "only a finite number is a fraction");
        string digits = value.ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = digits.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(digits[(e + 1)..], CultureInfo.InvariantCulture);
            digits = digits[..e];
        }
        int point = digits.IndexOf('.');
        if (point >= 0)
        {
            exponent -= digits.Length - point - 1;
            digits = digits.Remove(point, 1);
        }
        var mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        return exponent >= 0 ? new Rational(mantissa * BigInteger.Pow(10, exponent), 1) : new Rational(mantissa, BigInteger.Pow(10, -exponent));
    }

    /// <summary>a + b.</summary>
    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>a − b.</summary>
    public static Rational operator -(Rational a, Rational b) => a + -b;

    /// <summary>−a.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>a·b.</summary>
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>a/b.</summary>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>n as a fraction.</summary>
    public static implicit operator Rational(long n) => new(n, 1);

    /// <summary>−1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>|a|.</summary>
    public Rational Abs() => new(BigInteger.Abs(Numerator), Denominator);

    /// <summary>The nearest double.</summary>
    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>True when the decimal expansion ends (q has no prime factors but 2 and 5): 101/100 is 1.01, 1/3 is not.</summary>
    public bool IsTerminating
    {
        get
        {
            var q = Denominator;
            while (q.IsEven) q /= 2;
            while ((q % 5).IsZero) q /= 5;
            return q.IsOne;
        }
    }

    /// <summary>Exactly <paramref name="places"/> decimals, rounded half away from zero: 10000/10101 → "0.9900".</summary>
    public string ToFixed(int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        var scale = BigInteger.Pow(10, places);
        var scaled = BigInteger.Abs(Numerator) * scale * 2 + Denominator;
        var rounded = scaled / (2 * Denominator);
        string digits = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        string text = places == 0 ? digits : $"{digits[..^places]}.{digits[^places..]}";
        return Sign < 0 && !rounded.IsZero ? "-" + text : text;
    }

    /// <summary>The decimal when it terminates (1.0101), else p/q (1/3).</summary>
    public string ToDecimalOrFraction() => IsTerminating ? Trimmed() : ToString();

    private string Trimmed()
    {
        // A terminating fraction has at most as many decimals as the larger power of 2 or 5 in q.
        int places = 0;
        for (var q = Denominator; !q.IsOne; places++)
        {
            if ((q % 10).IsZero) q /= 10;
            else if (q.IsEven) q /= 2;
            else q /= 5;
        }
        string text = ToFixed(places);
        return text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>"p/q", or "p" for a whole number.</summary>
    public override string ToString() => Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";
}
