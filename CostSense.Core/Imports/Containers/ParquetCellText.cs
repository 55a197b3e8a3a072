using System.Globalization;
using System.Numerics;
using Parquet.Data;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// How a Parquet value becomes a cell's text, the same text a CSV export of the same data would carry: invariant
/// culture; decimals exactly as stored, from the stored integer and scale (<see cref="BigDecimal"/>), the text
/// <see cref="decimal.ToString(IFormatProvider)"/> prints for the same value (no trailing fractional zeros), never
/// through <see cref="decimal"/> or a double: <see cref="decimal"/> silently drops digits past its 28–29 and a
/// DECIMAL(38, 18) holds 38;
/// timestamps as ISO 8601 UTC (<c>yyyy-MM-ddTHH:mm:ssZ</c>, with a fraction only when there is one; a timestamp without
/// a zone is taken as UTC, as Azure writes them); dates as <c>yyyy-MM-dd</c>; floating point as the shortest text that
/// round-trips.
/// </summary>
internal static class ParquetCellText
{
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(BigDecimal value)
    {
        var unscaled = value.UnscaledValue;
        if (unscaled.IsZero) return "0";
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var scale = value.Scale;
        string text;
        if (scale <= 0) text = digits + new string('0', -scale);
        else
        {
            if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
            var fraction = digits[^scale..].TrimEnd('0');
            text = fraction.Length == 0 ? digits[..^scale] : digits[..^scale] + "." + fraction;
        }
        return unscaled.Sign < 0 ? "-" + text : text;
    }

    public static string Of(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(Timestamp, CultureInfo.InvariantCulture);

    public static string Of(DateTimeOffset value) => value.UtcDateTime.ToString(Timestamp, CultureInfo.InvariantCulture);

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(TimeOnly value) => value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Of(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(bool value) => value ? "true" : "false";

    public static string Of(Guid value) => value.ToString("D");

    public static string Of<T>(T value) where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
