using System.Globalization;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// How a Parquet value becomes a cell's text, the same text a CSV export of the same data would carry: invariant
/// culture; decimals exactly as stored (<see cref="decimal.ToString(IFormatProvider)"/>, never through a double);
/// timestamps as ISO 8601 UTC (<c>yyyy-MM-ddTHH:mm:ssZ</c>, with a fraction only when there is one; a timestamp without
/// a zone is taken as UTC, as Azure writes them); dates as <c>yyyy-MM-dd</c>; floating point as the shortest text that
/// round-trips.
/// </summary>
internal static class ParquetCellText
{
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

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
