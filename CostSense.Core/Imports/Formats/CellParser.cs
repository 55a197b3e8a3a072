using System.Globalization;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Parses cells exactly and culture-free: money as <see cref="decimal"/> (invariant, sign and exponent allowed, so
/// 5.64902E-05 and -1.5 read exactly), the FOCUS null spellings (NULL, null, empty) as 0, and the timestamp shapes the
/// exports write. A cell that does not parse refuses the file with file, line, column, value and reason.
/// </summary>
internal static class CellParser
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd",
        // Classic Cost Management exports write US month/day dates.
        "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss",
    ];

    public static bool IsNull(string? cell) =>
        string.IsNullOrWhiteSpace(cell) || cell.Equals("NULL", StringComparison.OrdinalIgnoreCase);

    public static string? Text(string? cell) => IsNull(cell) ? null : cell;

    /// <summary>Money: null spellings are 0.</summary>
    public static decimal Money(string fileName, TabularRow row, string column, string? cell)
    {
        if (IsNull(cell)) return 0m;
        return Decimal(fileName, row, column, cell!) ?? 0m;
    }

    /// <summary>A quantity: null spellings stay null.</summary>
    public static decimal? Quantity(string fileName, TabularRow row, string column, string? cell) =>
        IsNull(cell) ? null : Decimal(fileName, row, column, cell!);

    private static decimal? Decimal(string fileName, TabularRow row, string column, string cell)
    {
        var text = cell.AsSpan().Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (!IsExact(text, value))
                throw new ImportException(fileName,
                    "has more significant digits than a decimal keeps exactly (28); CostSense refuses to round money", row.Line, column, cell);
            return value;
        }
        throw new ImportException(fileName, "not a number (expected an invariant-culture decimal such as -1.25 or 5.6E-05)",
            row.Line, column, cell);
    }

    /// <summary>
    /// Whether <paramref name="value"/> is exactly the number <paramref name="text"/> spells: decimal.Parse rounds past 28
    /// significant digits (or 28 decimals) without a word. Short plain numbers always fit, so only long or scientific
    /// spellings are compared digit by digit.
    /// </summary>
    internal static bool IsExact(ReadOnlySpan<char> text, decimal value)
    {
        if (text.Length <= 28 && text.IndexOfAny('e', 'E') < 0) return true;
        return Canonical(text) == Canonical(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A number as (sign, significant digits, power of ten of the last digit), so spellings compare as values.</summary>
    private static (bool Negative, string Digits, int Exponent) Canonical(ReadOnlySpan<char> text)
    {
        var negative = text.Length > 0 && text[0] == '-';
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+')) text = text[1..];
        var exponent = 0;
        if (text.IndexOfAny('e', 'E') is var e and >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var digits = new System.Text.StringBuilder(text.Length);
        var point = text.IndexOf('.');
        foreach (var c in text) if (c != '.') digits.Append(c);
        if (point >= 0) exponent -= text.Length - point - 1;
        var d = digits.ToString().TrimStart('0');
        var trimmed = d.TrimEnd('0');
        exponent += d.Length - trimmed.Length;
        return trimmed.Length == 0 ? (false, "", 0) : (negative, trimmed, exponent);
    }

    /// <summary>The UTC calendar day of a timestamp or date cell; a null spelling is refused (every row has a day).</summary>
    public static DateOnly Day(string fileName, TabularRow row, string column, string? cell) =>
        DateOnly.FromDateTime(Required(fileName, row, column, cell).UtcDateTime);

    /// <summary>A charge date or timestamp that must be there, as UTC.</summary>
    public static DateTimeOffset Required(string fileName, TabularRow row, string column, string? cell)
    {
        if (IsNull(cell))
            throw new ImportException(fileName, "the charge date is empty", row.Line, column, cell ?? "");
        return Timestamp(fileName, row, column, cell!);
    }

    /// <summary>A timestamp or date cell as UTC (no zone means UTC, as the exports mean it).</summary>
    public static DateTimeOffset Timestamp(string fileName, TabularRow row, string column, string cell)
    {
        if (TryCommonTimestamp(cell, out var common)) return common;
        if (DateTimeOffset.TryParseExact(cell.Trim(), TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new ImportException(fileName,
            "not a date (expected e.g. 2024-09-01 00:00:00, 2024-01-01T00:00Z, 2024-01-01T00:00:00Z or 09/21/2023)",
            row.Line, column, cell);
    }

    /// <summary>
    /// The shapes FOCUS exports write on every row (<c>2024-09-01T00:00:00Z</c>, <c>2024-09-01T00:00Z</c>,
    /// <c>2024-09-01 00:00:00</c>, <c>2024-09-01</c>) read digit by digit: the general parser tries eighteen formats
    /// and costs more than the rest of a row. Anything else (or an impossible date) is left to it, and to its message.
    /// </summary>
    internal static bool TryCommonTimestamp(ReadOnlySpan<char> text, out DateTimeOffset at)
    {
        at = default;
        if (text.Length is not (10 or 17 or 19 or 20)) return false;
        if (text[4] != '-' || text[7] != '-') return false;
        int hour = 0, minute = 0, second = 0;
        if (text.Length > 10)
        {
            if (text[10] is not ('T' or ' ') || text[13] != ':') return false;
            if (text.Length == 17 && (text[10] != 'T' || text[16] != 'Z')) return false;
            if (text.Length >= 19 && text[16] != ':') return false;
            if (text.Length == 20 && (text[10] != 'T' || text[19] != 'Z')) return false;
            if (!Digits(text, 11, 2, out hour) || !Digits(text, 14, 2, out minute)) return false;
            if (text.Length >= 19 && !Digits(text, 17, 2, out second)) return false;
        }
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        at = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;

        static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                if (!char.IsAsciiDigit(s[i])) return false;
                value = value * 10 + (s[i] - '0');
            }
            return true;
        }
    }
}
