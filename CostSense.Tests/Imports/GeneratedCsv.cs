using System.Text;
using System.Text.Json;

namespace CostSense.Tests.Imports;

/// <summary>Writes small CSV files from a header and rows given by column name; unnamed cells are empty.</summary>
internal static class GeneratedCsv
{
    public static string Write(IReadOnlyList<string> header, params Dictionary<string, string>[] rows)
    {
        var text = new StringBuilder().Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            foreach (var name in row.Keys) Assert.Contains(name, header);
            text.Append(string.Join(',', header.Select(h => Quote(row.GetValueOrDefault(h, ""))))).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>The column names of a FocusCost metadata file (FocusCost_1.0.json, FocusCost_1.2-preview.json).</summary>
    public static IReadOnlyList<string> FocusCostHeader(string metadataFile)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(SharedData.File(metadataFile)));
        return doc.RootElement.GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("ColumnName").GetString()!).ToArray();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
