namespace CostSense.Core.Csv;

/// <summary>
/// One cell of an RFC 4180 CSV download. Every CSV the app serves goes through here, because their text cells carry
/// what imported files and the demo tenant put in the store (resource names, tags, rationales), and a spreadsheet opens
/// a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return as a formula (OWASP "CSV
/// injection"). Such text is prefixed with a single quote, so it reads as the text it is. Numbers are written by their
/// writers as numbers and never pass through <see cref="Text"/>: a refund of -12.50 stays a number a sum can add.
/// </summary>
public static class CsvCell
{
    /// <summary>The characters a spreadsheet takes as the start of a formula (or that hide one behind them).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    /// <summary>A text cell: neutralised (<see cref="Neutralise"/>), then quoted when it holds a comma, quote or line break.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        value = Neutralise(value);
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>The text with a leading single quote when it would otherwise start a formula; unchanged otherwise.</summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0 ? "'" + value : value;
}
